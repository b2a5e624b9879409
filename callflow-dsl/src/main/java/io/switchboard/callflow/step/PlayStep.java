package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import java.util.List;

/**
 * Plays prompts and spoken values, then goes on.
 *
 * @param items   what is said, in order
 * @param bargeIn whether a key stops the prompts (the key stays for the next input step)
 * @param next    the next step, or null to end the flow
 */
public record PlayStep(String id, SourcePos pos, List<PlayItem> items, boolean bargeIn, String next)
        implements Step {

    public PlayStep {
        items = List.copyOf(items);
    }

    /** The recorded prompts among the items. */
    public List<PromptRef> prompts() {
        return items.stream().filter(i -> i instanceof PlayItem.Recorded).map(i -> ((PlayItem.Recorded) i).prompt())
                .toList();
    }

    /** The spoken values among the items. */
    public List<PlayItem.Spoken> spoken() {
        return items.stream().filter(i -> i instanceof PlayItem.Spoken).map(i -> (PlayItem.Spoken) i).toList();
    }

    @Override
    public List<String> targets() {
        return next == null ? List.of() : List.of(next);
    }
}
