package io.switchboard.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated call measured.
 *
 * @param intervalsMillis   RTP inter-arrival intervals, in milliseconds, in arrival order
 * @param answerToFirstPacket from receiving the 200 OK to the first RTP packet
 * @param ackToFirstPacket  from sending the ACK to the first RTP packet (negative when RTP came before the ACK)
 * @param keyToNextPrompt   for each key sent, from its first event packet to the first packet of the next prompt
 * @param packets           RTP packets received
 * @param sequenceBreaks    packets whose sequence number did not follow the previous one
 * @param timestampBreaks   packets whose timestamp was not the previous one + 160
 * @param markers           packets with the marker bit
 */
public record CallStats(List<Double> intervalsMillis, Duration answerToFirstPacket, Duration ackToFirstPacket, List<Duration> keyToNextPrompt,
        int packets, int sequenceBreaks, int timestampBreaks, int markers) {

    public double percentile(double p) {
        if (intervalsMillis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(intervalsMillis);
        sorted.sort(null);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String millis(Duration d) {
        return d == null ? "-" : String.format("%.1f ms", d.toNanos() / 1e6);
    }

    @Override
    public String toString() {
        return String.format("rtp packets %d, interval p50 %.2f ms, p99 %.2f ms, max %.2f ms; 200 OK->first packet %s;"
                + " ack->first packet %s; key->next prompt %s; sequence breaks %d, timestamp breaks %d, markers %d",
                packets, percentile(50), percentile(99), percentile(100), millis(answerToFirstPacket),
                millis(ackToFirstPacket),
                keyToNextPrompt.stream().map(d -> String.format("%.1f ms", d.toNanos() / 1e6)).toList(),
                sequenceBreaks, timestampBreaks, markers);
    }
}
