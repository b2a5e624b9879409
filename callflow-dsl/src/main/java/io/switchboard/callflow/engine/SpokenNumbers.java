package io.switchboard.callflow.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Numbers, digit strings and durations spoken with the digit prompts of a language ({@code digits/40},
 * {@code digits/hundred}, {@code minutes}, …), the way a person reads them: 42 is "forty two" in English and
 * "cuarenta y dos" in Spanish. The prompt names are those of the Asterisk sound set, so either prompt directory
 * works. Languages without rules of their own are read with the English rules.
 *
 * <p>Composition happens in the flow engine, not in the carrier, so a flow test sees exactly the prompts a caller
 * hears and every carrier plays the same thing.
 */
public final class SpokenNumbers {

    /** The largest whole number read as words; larger ones are read digit by digit. */
    public static final BigInteger MAX_WORDS = BigInteger.valueOf(999_999_999L);

    private SpokenNumbers() {}

    /** A number: whole part in words, then "point" and the decimals one by one (at most two decimals). */
    public static List<PromptRef> number(BigDecimal value, String language) {
        List<String> out = new ArrayList<>();
        BigDecimal n = value.setScale(Math.min(Math.max(value.scale(), 0), 2), RoundingMode.HALF_UP);
        if (n.signum() < 0) {
            out.add("digits/minus");
            n = n.negate();
        }
        BigInteger whole = n.toBigInteger();
        if (whole.compareTo(MAX_WORDS) > 0) {
            whole.toString().chars().forEach(c -> out.add("digits/" + (char) c));
        } else {
            words(whole.longValueExact(), spanish(language), out);
        }
        String fraction = n.subtract(new BigDecimal(whole)).stripTrailingZeros().toPlainString();
        if (fraction.startsWith("0.")) {
            out.add("digits/point");
            fraction.substring(2).chars().forEach(c -> out.add("digits/" + (char) c));
        }
        return refs(out);
    }

    /** Digits one by one ({@code *} and {@code #} as star and pound); other characters are not read. */
    public static List<PromptRef> digits(String text, String language) {
        List<String> out = new ArrayList<>();
        for (char c : text.toCharArray()) {
            if (c >= '0' && c <= '9') {
                out.add("digits/" + c);
            } else if (c == '*') {
                out.add("digits/star");
            } else if (c == '#') {
                out.add("digits/pound");
            }
        }
        return refs(out);
    }

    /**
     * A duration in minutes and seconds ("three minutes twenty seconds"); whole seconds, rounded; an hour and more
     * is read in minutes.
     */
    public static List<PromptRef> duration(Duration value, String language) {
        long seconds = Math.max(0, Math.round(value.toMillis() / 1000.0));
        long minutes = seconds / 60;
        long rest = seconds % 60;
        List<PromptRef> out = new ArrayList<>();
        if (minutes > 0) {
            out.addAll(number(BigDecimal.valueOf(minutes), language));
            out.add(new PromptRef(minutes == 1 ? "minute" : "minutes"));
        }
        if (rest > 0 || minutes == 0) {
            out.addAll(number(BigDecimal.valueOf(rest), language));
            out.add(new PromptRef(rest == 1 ? "second" : "seconds"));
        }
        return out;
    }

    /** Every prompt the readings of a language can use, for the missing-prompt check. */
    public static Set<String> vocabulary(String language) {
        Set<String> out = new LinkedHashSet<>();
        int units = spanish(language) ? 29 : 19;
        for (int i = 0; i <= units; i++) {
            out.add("digits/" + i);
        }
        for (int t = (spanish(language) ? 30 : 20); t <= 90; t += 10) {
            out.add("digits/" + t);
        }
        out.add("digits/hundred");
        out.add("digits/thousand");
        out.add("digits/star");
        out.add("digits/pound");
        out.add("digits/minus");
        out.add("digits/point");
        if (spanish(language)) {
            out.add("digits/and");
            for (int h = 100; h <= 900; h += 100) {
                out.add("digits/" + h);
            }
            out.add("digits/one-million");
            out.add("digits/millions");
        } else {
            out.add("digits/million");
        }
        out.addAll(List.of("minute", "minutes", "second", "seconds"));
        return out;
    }

    private static boolean spanish(String language) {
        return language.equals("es") || language.startsWith("es-");
    }

    private static void words(long n, boolean spanish, List<String> out) {
        if (spanish) {
            spanishWords(n, out);
        } else {
            englishWords(n, out);
        }
    }

    /** 1,234,567: one million two hundred thirty four thousand five hundred sixty seven. */
    private static void englishWords(long n, List<String> out) {
        if (n >= 1_000_000) {
            englishWords(n / 1_000_000, out);
            out.add("digits/million");
            if (n % 1_000_000 > 0) {
                englishWords(n % 1_000_000, out);
            }
        } else if (n >= 1000) {
            englishWords(n / 1000, out);
            out.add("digits/thousand");
            if (n % 1000 > 0) {
                englishWords(n % 1000, out);
            }
        } else if (n >= 100) {
            out.add("digits/" + n / 100);
            out.add("digits/hundred");
            if (n % 100 > 0) {
                englishWords(n % 100, out);
            }
        } else if (n >= 20) {
            out.add("digits/" + n / 10 * 10);
            if (n % 10 > 0) {
                out.add("digits/" + n % 10);
            }
        } else {
            out.add("digits/" + n);
        }
    }

    /**
     * 0-29 are single words, 31 is "treinta y uno", 100 alone is "cien" and "ciento" before more, 200-900 have words
     * of their own, 1000 is "mil" (not "uno mil"), one million is "un millón".
     */
    private static void spanishWords(long n, List<String> out) {
        if (n >= 1_000_000) {
            long millions = n / 1_000_000;
            if (millions == 1) {
                out.add("digits/one-million");
            } else {
                spanishWords(millions, out);
                out.add("digits/millions");
            }
            if (n % 1_000_000 > 0) {
                spanishWords(n % 1_000_000, out);
            }
        } else if (n >= 1000) {
            if (n / 1000 > 1) {
                spanishWords(n / 1000, out);
            }
            out.add("digits/thousand");
            if (n % 1000 > 0) {
                spanishWords(n % 1000, out);
            }
        } else if (n >= 100) {
            long rest = n % 100;
            if (n / 100 == 1) {
                out.add(rest == 0 ? "digits/100" : "digits/hundred");
            } else {
                out.add("digits/" + n / 100 * 100);
            }
            if (rest > 0) {
                spanishWords(rest, out);
            }
        } else if (n >= 30) {
            out.add("digits/" + n / 10 * 10);
            if (n % 10 > 0) {
                out.add("digits/and");
                out.add("digits/" + n % 10);
            }
        } else {
            out.add("digits/" + n);
        }
    }

    private static List<PromptRef> refs(List<String> names) {
        return names.stream().map(PromptRef::new).toList();
    }
}
