package io.switchboard.simulator.load;

import java.util.List;
import java.util.OptionalLong;

/**
 * Reads a number back from the digit prompts a caller heard ({@code digits/20}, {@code digits/5} → 25;
 * {@code digits/3}, {@code digits/hundred} → 300), the inverse of how the server speaks numbers.
 */
final class HeardNumbers {

    private HeardNumbers() {}

    /** The number spoken by {@code prompts} (names such as {@code digits/7}), or empty when they are not one. */
    static OptionalLong read(List<String> prompts) {
        long total = 0;
        long group = 0;
        boolean any = false;
        for (String p : prompts) {
            if (!p.startsWith("digits/")) {
                return OptionalLong.empty();
            }
            String word = p.substring("digits/".length());
            switch (word) {
                case "hundred" -> group = Math.max(group, 1) * 100;
                case "thousand" -> {
                    total += Math.max(group, 1) * 1_000;
                    group = 0;
                }
                case "million" -> {
                    total += Math.max(group, 1) * 1_000_000;
                    group = 0;
                }
                default -> {
                    if (!word.matches("[0-9]{1,2}")) {
                        return OptionalLong.empty();
                    }
                    group += Long.parseLong(word);
                }
            }
            any = true;
        }
        return any ? OptionalLong.of(total + group) : OptionalLong.empty();
    }
}
