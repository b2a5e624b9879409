package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.expr.Template;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Books a call back: offers it (optionally), confirms or captures the number, and asks the platform.
 *
 * @param queue        the queue's name (may be {@code ${queue.name}}: the queue the caller just left)
 * @param offer        played first; the caller accepts with {@code acceptKey} (empty: the caller already accepted)
 * @param offerTimeout how long the offer waits for the key
 * @param number       the number proposed (default {@code ${caller}})
 * @param confirm      "1 for this number, 2 for another" prompts
 * @param confirmWait  how long the confirmation waits for a key
 * @param noInput      retries of the confirmation
 * @param noMatch      retries of the confirmation
 * @param capture      how another number is entered
 * @param at           when to call back (null: keep the caller's place in line)
 * @param zone         the time zone {@code at} is read in
 * @param into         the variable that gets the booking's reference (null: none)
 * @param next         after the booking
 * @param declined     the caller did not accept the offer (null: the flow ends)
 * @param failed       the platform refused, or the time could not be read
 * @param onFailure    the caller gave no usable answer too often (null: as declined)
 */
public record CallbackStep(String id, SourcePos pos, Template queue, Map<String, Integer> skills, int priority,
        List<PromptRef> offer, char acceptKey, Duration offerTimeout, Template number, List<PromptRef> confirm,
        Duration confirmWait, Retry noInput, Retry noMatch, DigitEntry capture, Template at, ZoneId zone,
        String into, String next, String declined, String failed, String onFailure) implements Step {

    public CallbackStep {
        skills = Map.copyOf(skills);
        offer = List.copyOf(offer);
        confirm = List.copyOf(confirm);
    }

    /** Every prompt the step can play. */
    public List<PromptRef> allPrompts() {
        List<PromptRef> all = new ArrayList<>(offer);
        all.addAll(confirm);
        noInput.prompts().forEach(all::addAll);
        noMatch.prompts().forEach(all::addAll);
        all.addAll(capture.prompts());
        capture.noInput().prompts().forEach(all::addAll);
        capture.noMatch().prompts().forEach(all::addAll);
        return all;
    }

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>();
        for (String t : new String[] {next, declined, failed, onFailure}) {
            if (t != null && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
