package io.switchboard.ivr.acd;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.SpokenNumbers;
import io.switchboard.callflow.queue.QueueSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a waiting caller hears about their place, read with the digit prompts in the caller's language: "You are
 * caller number three in line. Your estimated wait is four minutes." The wait is rounded up to whole minutes (as
 * Asterisk does); with no estimate yet only the position is read.
 */
final class Announcement {

    static final PromptRef POSITION = new PromptRef("queue-position");
    static final PromptRef POSITION_SUFFIX = new PromptRef("queue-position-suffix");
    static final PromptRef WAIT = new PromptRef("wait-time");

    private Announcement() {
    }

    static List<PromptRef> of(QueueSettings.Announcements settings, int position, Optional<Duration> estimate,
            String language) {
        List<PromptRef> out = new ArrayList<>();
        if (settings.position()) {
            out.add(POSITION);
            out.addAll(SpokenNumbers.number(BigDecimal.valueOf(position), language));
            out.add(POSITION_SUFFIX);
        }
        if (settings.waitTime() && estimate.isPresent()) {
            long minutes = Math.max(1, (estimate.get().toSeconds() + 59) / 60);
            out.add(WAIT);
            out.addAll(SpokenNumbers.duration(Duration.ofMinutes(minutes), language));
        }
        return out;
    }
}
