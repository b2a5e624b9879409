package io.switchboard.simulator.load;

import io.switchboard.simulator.HeardPrompt;
import io.switchboard.simulator.PromptRecognizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A caller's time in a queue as the caller heard it: when the wait began (the first hold prompt), each position and
 * expected-wait announcement, when an agent came on the line (the agent's greeting), and the longest silence heard
 * from the answer until then. Read from the prompts the caller recognised, so it measures what a person on the line
 * would have noticed, not what the server believes it did.
 */
public record QueueJourney(Optional<Duration> queuedAt, List<Announcement> announcements,
        Optional<Duration> connectedAt, Duration longestSilenceBeforeAgent) {

    /** Prompts that mean the caller is waiting in a queue. */
    static final Set<String> HOLD = Set.of("hold-music", "please-hold", "all-agents-busy", "queue-position",
            "wait-time");
    /** What a simulated agent says first: the caller is through. */
    public static final String AGENT_GREETING = "agent-greeting";

    /** An expected-wait announcement: heard at {@code at} (from the answer), announcing {@code announced}. */
    public record Announcement(Duration at, Duration announced) {
        /** The wait still to come when this was said, if the caller reached an agent. */
        public Optional<Duration> actualRemaining(Optional<Duration> connectedAt) {
            return connectedAt.map(c -> c.minus(at));
        }
    }

    public QueueJourney {
        announcements = List.copyOf(announcements);
    }

    /** The wait, from the first hold prompt to the agent's greeting; empty when either never came. */
    public Optional<Duration> waited() {
        return queuedAt.flatMap(q -> connectedAt.map(c -> c.minus(q)));
    }

    /** Reads the journey out of what the caller heard, in order, and the silences longer than the threshold. */
    public static QueueJourney of(List<HeardPrompt> heard, List<PromptRecognizer.Gap> gaps) {
        Duration queued = null;
        Duration connected = null;
        List<Announcement> announcements = new ArrayList<>();
        for (int i = 0; i < heard.size(); i++) {
            HeardPrompt p = heard.get(i);
            if (queued == null && HOLD.contains(p.name())) {
                queued = p.offset();
            }
            if (connected == null && AGENT_GREETING.equals(p.name())) {
                connected = p.offset();
            }
            if (connected == null && "wait-time".equals(p.name())) {
                announcedWait(heard, i + 1).ifPresent(w -> announcements.add(new Announcement(p.offset(), w)));
            }
        }
        Duration end = connected;
        Duration longest = gaps.stream().filter(g -> end == null || g.offset().compareTo(end) < 0)
                .map(PromptRecognizer.Gap::length).max(Duration::compareTo).orElse(Duration.ZERO);
        return new QueueJourney(Optional.ofNullable(queued), announcements, Optional.ofNullable(connected),
                longest);
    }

    /**
     * The digits after {@code wait-time}, each group followed by its unit: "digits/3, minutes" is three minutes,
     * "digits/2, minutes, digits/30, seconds" two and a half.
     */
    private static Optional<Duration> announcedWait(List<HeardPrompt> heard, int from) {
        Duration total = Duration.ZERO;
        boolean any = false;
        List<String> digits = new ArrayList<>();
        for (int i = from; i < heard.size() && i < from + 12; i++) {
            String name = heard.get(i).name();
            if (name.startsWith("digits/")) {
                digits.add(name);
                continue;
            }
            OptionalLong n = HeardNumbers.read(digits);
            Duration unit = switch (name) {
                case "minute", "minutes" -> Duration.ofMinutes(1);
                case "second", "seconds" -> Duration.ofSeconds(1);
                default -> null;
            };
            if (n.isEmpty() || unit == null) {
                break;
            }
            total = total.plus(unit.multipliedBy(n.getAsLong()));
            any = true;
            digits.clear();
        }
        return any && digits.isEmpty() ? Optional.of(total) : Optional.empty();
    }
}
