package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.parse.Fields;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Digits entered on the keypad, with VoiceXML-style retries: what {@code gather} does, and what other steps use to
 * take a number (a callback number).
 *
 * @param terminator the key that ends entry early (not kept), or 0 for none
 * @param pattern    what the digits must match, or null
 */
public record DigitEntry(List<PromptRef> prompts, int min, int max, char terminator, Duration firstDigitTimeout,
        Duration interDigitTimeout, Pattern pattern, boolean bargeIn, Retry noInput, Retry noMatch) {

    private static final Retry DEFAULT_RETRY = new Retry(List.of(), 3);

    public DigitEntry {
        prompts = List.copyOf(prompts);
    }

    /** How an entry ended. */
    public sealed interface Result {
        record Entered(String digits) implements Result {}

        record GaveUp() implements Result {}

        record HungUp() implements Result {}
    }

    /** Reads the entry settings of {@code g}; {@code min} and {@code max} default as given. */
    static DigitEntry read(Fields g, String what, int defaultMin, int defaultMax, CompileContext ctx) {
        List<PromptRef> prompts = g.prompts("prompt");
        int min = g.integer("min", 1, 64).orElse(defaultMin);
        int max = g.integer("max", 1, 64).orElse(defaultMax);
        if (min > max) {
            ctx.problems().error(g.keyPos("min"), what + ": min (" + min + ") is above max (" + max + ")", "");
        }
        String term = g.optionalString("terminator").orElse("#");
        if (!term.isEmpty() && !(term.length() == 1 && "0123456789*#".indexOf(term.charAt(0)) >= 0)) {
            ctx.problems().error(g.keyPos("terminator"), what + ": terminator must be one key or \"\"", "");
        }
        Duration first = g.duration("first-digit-timeout").orElse(Duration.ofSeconds(5));
        Duration inter = g.duration("inter-digit-timeout").orElse(Duration.ofSeconds(3));
        Pattern pattern = g.optionalString("pattern").map(p -> {
            try {
                return Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                ctx.problems().error(g.keyPos("pattern"), what + ": bad pattern: " + e.getDescription(), "");
                return null;
            }
        }).orElse(null);
        boolean bargeIn = g.bool("barge-in").orElse(true);
        Retry noInput = Retry.read(g, "noinput", DEFAULT_RETRY, ctx);
        Retry noMatch = Retry.read(g, "nomatch", DEFAULT_RETRY, ctx);
        return new DigitEntry(prompts, min, max, term.isEmpty() ? 0 : term.charAt(0), first, inter, pattern, bargeIn,
                noInput, noMatch);
    }

    /** Asks for the digits until they fit, the caller gives up too often, or hangs up. */
    Result run(CallControl call) {
        return switch (AskAgain.ask(call, prompts, bargeIn, noInput, noMatch, () -> listen(call))) {
            case AskAgain.Result.Answered<String> a -> new Result.Entered(a.value());
            case AskAgain.Result.GaveUp<String> g -> new Result.GaveUp();
            case AskAgain.Result.HungUp<String> h -> new Result.HungUp();
        };
    }

    /** One attempt: digits up to max, the terminator or the timeout, judged against min and the pattern. */
    private AskAgain.Heard<String> listen(CallControl call) {
        StringBuilder digits = new StringBuilder();
        boolean terminated = false;
        Duration wait = firstDigitTimeout;
        while (digits.length() < max) {
            KeyOutcome k = call.nextKey(wait);
            if (k instanceof KeyOutcome.HungUp) {
                return new AskAgain.Heard.HungUp<>();
            }
            if (!(k instanceof KeyOutcome.Key key)) {
                break;
            }
            if (terminator != 0 && key.key() == terminator) {
                terminated = true;
                break;
            }
            digits.append(key.key());
            wait = interDigitTimeout;
        }
        if (digits.isEmpty() && !terminated) {
            return new AskAgain.Heard.NoInput<>();
        }
        if (digits.length() < min || (pattern != null && !pattern.matcher(digits).matches())) {
            return new AskAgain.Heard.NoMatch<>();
        }
        return new AskAgain.Heard.Valid<>(digits.toString());
    }
}
