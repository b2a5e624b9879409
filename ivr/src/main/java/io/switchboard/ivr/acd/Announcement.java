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
 * caller number three in line. Your estimated wait is four minutes." The wait is rounded as precisely as an
 * estimate deserves: to 10 seconds under a minute, to 30 seconds up to five minutes, to whole minutes beyond (Asterisk
 * rounds everything up to minutes, which tells a caller with 20 seconds to go that they have a minute); with no
 * estimate yet only the position is read.
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
            out.add(WAIT);
            out.addAll(SpokenNumbers.duration(rounded(estimate.get()), language));
        }
        return out;
    }

    /** The estimate as it is read out: to 10 s under a minute (at least 10 s), 30 s up to five minutes, then minutes. */
    static Duration rounded(Duration estimate) {
        long s = Math.max(0, estimate.toSeconds());
        long step = s < 60 ? 10 : s < 300 ? 30 : 60;
        return Duration.ofSeconds(Math.max(10, Math.round((double) s / step) * step));
    }
}
