package io.switchboard.admin.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two flow files: the lines both keep, the lines only the old one has and the lines only the new one
 * has, in file order (a longest common subsequence after the common head and tail). When the changed middle is too
 * large to compare line by line ({@link #MAX_CELLS}), it is shown as all removed then all added: still true, only
 * longer.
 */
final class FlowDiff {

    /** The largest old × new middle compared line by line (about 16 MB of work). */
    static final long MAX_CELLS = 4_000_000;

    private FlowDiff() {}

    /** One line of the diff: {@code op} is {@code " "}, {@code "-"} or {@code "+"}; line numbers are 1-based or 0. */
    record Line(String op, int oldLine, int newLine, String text) {}

    static List<Line> between(String oldText, String newText) {
        String[] a = oldText.split("\n", -1);
        String[] b = newText.split("\n", -1);
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head
                && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            out.add(new Line(" ", i + 1, i + 1, a[i]));
        }
        middle(a, b, head, a.length - tail, b.length - tail, out);
        for (int k = tail; k > 0; k--) {
            out.add(new Line(" ", a.length - k + 1, b.length - k + 1, a[a.length - k]));
        }
        return out;
    }

    private static void middle(String[] a, String[] b, int from, int aEnd, int bEnd, List<Line> out) {
        int n = aEnd - from;
        int m = bEnd - from;
        if ((long) n * m > MAX_CELLS) {
            for (int i = from; i < aEnd; i++) {
                out.add(new Line("-", i + 1, 0, a[i]));
            }
            for (int j = from; j < bEnd; j++) {
                out.add(new Line("+", 0, j + 1, b[j]));
            }
            return;
        }
        // lcs[i][j]: longest common subsequence of a[from+i..aEnd) and b[from+j..bEnd)
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[from + i].equals(b[from + j]) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[from + i].equals(b[from + j])) {
                out.add(new Line(" ", from + i + 1, from + j + 1, a[from + i]));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Line("-", from + i + 1, 0, a[from + i])); // removals before additions, as diff does
                i++;
            } else {
                out.add(new Line("+", 0, from + j + 1, b[from + j]));
                j++;
            }
        }
    }
}
