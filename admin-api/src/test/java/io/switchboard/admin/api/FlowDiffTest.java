package io.switchboard.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.testing.Fuzz;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flows page's line diff: what it keeps, removes and adds, and that it always rebuilds both files. */
class FlowDiffTest {

    @Test
    void aChangedLineIsRemovedThenAddedBetweenTheLinesBothKeep() {
        String v1 = "flow: hello\nstart: hi\nsteps:\n  hi: {play: [goodbye], next: bye}\n  bye: {hangup: {}}\n";
        String v2 = "flow: hello\nstart: hi\nsteps:\n  hi: {play: [welcome], next: bye}\n  bye: {hangup: {}}\n";
        List<FlowDiff.Line> diff = FlowDiff.between(v1, v2);
        assertThat(diff).extracting(FlowDiff.Line::op).containsExactly(" ", " ", " ", "-", "+", " ", " ");
        assertThat(diff.get(3)).isEqualTo(new FlowDiff.Line("-", 4, 0, "  hi: {play: [goodbye], next: bye}"));
        assertThat(diff.get(4)).isEqualTo(new FlowDiff.Line("+", 0, 4, "  hi: {play: [welcome], next: bye}"));
        assertThat(diff.get(5)).isEqualTo(new FlowDiff.Line(" ", 5, 5, "  bye: {hangup: {}}"));
    }

    @Test
    void anInsertedStepIsOnlyAdded() {
        List<FlowDiff.Line> diff = FlowDiff.between("a\nb\nc", "a\nb\nx\ny\nc");
        assertThat(diff).extracting(l -> l.op() + l.text()).containsExactly(" a", " b", "+x", "+y", " c");
        assertThat(diff.get(4)).isEqualTo(new FlowDiff.Line(" ", 3, 5, "c"));
    }

    @Test
    void aMiddleTooLargeToCompareIsShownAsRemovedThenAdded() {
        StringBuilder a = new StringBuilder("head\n");
        StringBuilder b = new StringBuilder("head\n");
        for (int i = 0; i < 2100; i++) {
            a.append("old ").append(i).append('\n');
            b.append("new ").append(i).append('\n');
        }
        List<FlowDiff.Line> diff = FlowDiff.between(a + "tail", b + "tail");
        assertThat(diff).hasSize(1 + 2100 + 2100 + 1);
        assertThat(diff.get(1).op()).isEqualTo("-");
        assertThat(diff.get(2101).op()).isEqualTo("+");
        assertThat(rebuild(diff, "-")).isEqualTo(a + "tail");
        assertThat(rebuild(diff, "+")).isEqualTo(b + "tail");
    }

    /** Any two texts: the kept and removed lines give the old text back, the kept and added ones the new text. */
    @Test
    void theDiffAlwaysRebuildsBothTexts() {
        Fuzz.check("flow diff", random -> new String[] {lines(random), lines(random)},
                pair -> pair[0].replace("\n", "|") + " → " + pair[1].replace("\n", "|"), pair -> {
                    List<FlowDiff.Line> diff = FlowDiff.between(pair[0], pair[1]);
                    assertThat(rebuild(diff, "-")).isEqualTo(pair[0]);
                    assertThat(rebuild(diff, "+")).isEqualTo(pair[1]);
                    long kept = diff.stream().filter(l -> l.op().equals(" ")).count();
                    assertThat(kept).as("a longest common run of lines").isEqualTo(lcs(pair[0].split("\n", -1),
                            pair[1].split("\n", -1)));
                });
    }

    private static String lines(java.util.Random random) {
        List<String> out = new ArrayList<>();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            out.add(String.valueOf((char) ('a' + random.nextInt(4))));
        }
        return String.join("\n", out);
    }

    private static String rebuild(List<FlowDiff.Line> diff, String side) {
        return String.join("\n", diff.stream().filter(l -> l.op().equals(" ") || l.op().equals(side))
                .map(FlowDiff.Line::text).toList());
    }

    /** The length of a longest common subsequence, by brute recursion over small inputs. */
    private static int lcs(String[] a, String[] b) {
        return lcs(a, 0, b, 0);
    }

    private static int lcs(String[] a, int i, String[] b, int j) {
        if (i == a.length || j == b.length) {
            return 0;
        }
        if (a[i].equals(b[j])) {
            return 1 + lcs(a, i + 1, b, j + 1);
        }
        return Math.max(lcs(a, i + 1, b, j), lcs(a, i, b, j + 1));
    }
}
