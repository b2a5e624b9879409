package io.switchboard.admin.api;

import io.switchboard.admin.http.QueryLimit;
import io.switchboard.ivr.handoff.HandoffOutbox;
import io.switchboard.ivr.store.CallStore;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The call log: the latest calls and single calls, each with the path it took. */
@RestController
@RequestMapping("/api/calls")
class CallsController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 500;

    /** Earlier hand-offs from the same number shown with a call, at most. */
    static final int PREVIOUS_HANDOFFS = 10;

    private final CallStore calls;
    private final HandoffOutbox handoffs;

    CallsController(CallStore calls, HandoffOutbox handoffs) {
        this.calls = calls;
        this.handoffs = handoffs;
    }

    /** The latest {@code limit} calls, newest first. */
    @GetMapping
    List<CallView> latest(@RequestParam(name = "limit", required = false) String limit) {
        return calls.latest(QueryLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT)).stream().map(CallView::of).toList();
    }

    @GetMapping("/{id}")
    CallView one(@PathVariable("id") String id) {
        return calls.find(id).map(call -> CallView.of(call, handoffs.ofCall(call.id()),
                handoffs.earlierFrom(call.caller(), call.id(), PREVIOUS_HANDOFFS))).orElseThrow(() -> notFound(id));
    }

    private static ErrorResponseException notFound(String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No call has id '" + id + "'. GET /api/calls lists the latest calls with their ids.");
        problem.setTitle("Call not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
