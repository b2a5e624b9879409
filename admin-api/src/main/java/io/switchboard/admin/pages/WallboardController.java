package io.switchboard.admin.pages;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The wallboard for supervisors: {@code GET /api/wallboard} (one snapshot) and {@code GET /api/wallboard/live}
 * (server-sent {@code snapshot} events, pushed when anything on it changes, heartbeats between).
 */
@RestController
@RequestMapping("/api/wallboard")
class WallboardController {

    private final Wallboard wallboard;
    private final LiveFeed feed;

    WallboardController(Wallboard wallboard, LiveFeed feed) {
        this.wallboard = wallboard;
        this.feed = feed;
    }

    @GetMapping
    Wallboard.Snapshot now() {
        return wallboard.now();
    }

    @GetMapping(path = "/live", produces = "text/event-stream")
    SseEmitter live(Authentication who) {
        return feed.subscribe(who.getName(), "wallboard", wallboard::now);
    }
}
