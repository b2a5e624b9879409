package io.switchboard.ivr.store;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.CallEnd;
import java.time.Instant;
import java.util.Objects;

/** One write to the call store, as queued by {@link CallWriter} and applied in batches by {@link CallStore}. */
sealed interface CallWrite {

    /** The call this write belongs to. */
    String callId();

    /** What is written, for messages: {@code start}, {@code answer}, {@code path entry 3}, {@code end}. */
    String what();

    /** Whether the write must never be dropped: the call's start, answer and end. */
    default boolean essential() {
        return true;
    }

    record Started(CallFacts facts, String flowId, int flowVersion) implements CallWrite {
        public Started {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(flowId, "flowId");
        }

        @Override
        public String callId() {
            return facts.callId();
        }

        @Override
        public String what() {
            return "start";
        }
    }

    record Answered(String callId, Instant at) implements CallWrite {
        public Answered {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String what() {
            return "answer";
        }
    }

    record Path(String callId, PathEntry entry) implements CallWrite {
        public Path {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public boolean essential() {
            return false;
        }

        @Override
        public String what() {
            return "path entry " + entry.seq();
        }
    }

    record Ended(String callId, CallEnd end) implements CallWrite {
        public Ended {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(end, "end");
        }

        @Override
        public String what() {
            return "end";
        }
    }

    record Recorded(String callId, CallRecordingEntry recording) implements CallWrite {
        public Recorded {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(recording, "recording");
        }

        @Override
        public String what() {
            return "recording " + recording.seq();
        }
    }

    record Surveyed(String callId, SurveyAnswer answer) implements CallWrite {
        public Surveyed {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(answer, "answer");
        }

        @Override
        public String what() {
            return "survey answer " + answer.seq();
        }
    }
}
