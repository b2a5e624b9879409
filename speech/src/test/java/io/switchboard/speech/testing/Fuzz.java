package io.switchboard.speech.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded mutation fuzzing for the parsers that take outside input, as plain JUnit tests: a property is checked on
 * {@link #cases()} inputs made by a generator from a seeded {@link Random}, so a failure names the seed and case that
 * reproduce it.
 *
 * <p>The normal test run checks {@value #DEFAULT_CASES} cases per property; the on-demand run raises that with
 * {@code -Dfuzz.cases=100000} (surefire passes it on) and prints each property's count and time. {@code -Dfuzz.seed=N}
 * replays a reported failure.
 */
public final class Fuzz {

    public static final int DEFAULT_CASES = 2_000;

    private Fuzz() {}

    /** Cases per property in this run. */
    public static int cases() {
        return Integer.getInteger("fuzz.cases", DEFAULT_CASES);
    }

    /** A property over generated inputs. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    /**
     * Checks {@code property} on {@link #cases()} inputs from {@code generator}.
     *
     * @param describe turns an input into text for the failure message (bytes: {@link #describe(byte[])})
     * @return how many cases ran
     */
    public static <T> int check(String name, Function<Random, T> generator, Function<T, String> describe,
            Property<T> property) {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int cases = cases();
        Random random = new Random(seed);
        long started = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            T input = generator.apply(random);
            try {
                property.check(input);
            } catch (Throwable t) {
                throw new AssertionError(name + ": case " + i + " of seed " + seed + " (replay with -Dfuzz.seed="
                        + seed + ") failed on " + describe.apply(input) + ": " + t, t);
            }
        }
        System.out.printf("fuzz %s: %d cases, 0 failures, %d ms (seed %d)%n", name, cases,
                (System.nanoTime() - started) / 1_000_000, seed);
        return cases;
    }

    /** A mutation of {@code seed}: bytes flipped, cut, repeated, inserted or replaced by edge values. */
    public static byte[] mutate(Random random, byte[] seed) {
        byte[] out = seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            out = switch (random.nextInt(8)) {
                case 0 -> flip(random, out);
                case 1 -> truncate(random, out);
                case 2 -> repeat(random, out);
                case 3 -> insert(random, out, randomBytes(random, 1 + random.nextInt(16)));
                case 4 -> insert(random, out, edge(random));
                case 5 -> delete(random, out);
                case 6 -> swapHalves(random, out);
                default -> randomBytes(random, random.nextInt(Math.max(1, out.length * 2)));
            };
        }
        return out;
    }

    /** A mutation of a text, as UTF-8 bytes. */
    public static byte[] mutate(Random random, String seed) {
        return mutate(random, seed.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** Bytes for a failure message: printable text as is, the rest escaped; long inputs cut. */
    public static String describe(byte[] input) {
        StringBuilder b = new StringBuilder(input.length + " bytes: ");
        for (int i = 0; i < Math.min(input.length, 400); i++) {
            int c = input[i] & 0xff;
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return input.length > 400 ? b.append("…").toString() : b.toString();
    }

    private static byte[] flip(Random random, byte[] in) {
        if (in.length == 0) {
            return in;
        }
        byte[] out = in.clone();
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private static byte[] truncate(Random random, byte[] in) {
        return Arrays.copyOf(in, in.length == 0 ? 0 : random.nextInt(in.length));
    }

    private static byte[] repeat(Random random, byte[] in) {
        if (in.length == 0) {
            return in;
        }
        int from = random.nextInt(in.length);
        int len = 1 + random.nextInt(Math.min(in.length - from, 64));
        byte[] slice = Arrays.copyOfRange(in, from, from + len);
        byte[] many = new byte[slice.length * (1 + random.nextInt(32))];
        for (int i = 0; i < many.length; i += slice.length) {
            System.arraycopy(slice, 0, many, i, slice.length);
        }
        return insert(random, in, many);
    }

    private static byte[] insert(Random random, byte[] in, byte[] what) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }

    private static byte[] delete(Random random, byte[] in) {
        if (in.length < 2) {
            return in;
        }
        int from = random.nextInt(in.length);
        int to = from + random.nextInt(in.length - from + 1);
        byte[] out = new byte[in.length - (to - from)];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, to, out, from, in.length - to);
        return out;
    }

    private static byte[] swapHalves(Random random, byte[] in) {
        if (in.length < 2) {
            return in;
        }
        int at = 1 + random.nextInt(in.length - 1);
        byte[] out = new byte[in.length];
        System.arraycopy(in, at, out, 0, in.length - at);
        System.arraycopy(in, 0, out, in.length - at, at);
        return out;
    }

    private static final String[] EDGES = {"\r\n", "\r\n\r\n", "\n", "\r", ":", ";", ",", "=", " ", "\0", "%",
        "-1", "0", "4294967296", "99999999999999999999", "\u00ff\u00fe", "\uD83D\uDE00", "\\", "\"", "<", ">", "@",
        "sip:", "Content-Length: 999999\r\n", "Content-Length: -5\r\n", "Call-ID: \r\n", "CSeq: 1 BYE\r\n",
        "m=audio 0 RTP/AVP 0\r\n", "a=rtpmap:101 telephone-event/8000\r\n", "c=IN IP4 \r\n", "${", "*&", "&a",
        "!!binary", "- - -", "{", "[", "'", "#"};

    private static byte[] edge(Random random) {
        return EDGES[random.nextInt(EDGES.length)].getBytes(StandardCharsets.UTF_8);
    }
}
