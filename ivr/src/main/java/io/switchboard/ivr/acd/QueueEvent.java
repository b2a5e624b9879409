package io.switchboard.ivr.acd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One queue-log line, in Asterisk's {@code queue_log} names and fields: {@code epoch|callid|queue|agent|event|data…}.
 * Agent and queue are {@code NONE} where Asterisk writes that (an agent event has no queue, a waiting caller no agent).
 *
 * <p>Events and their data, as Asterisk writes them:
 * <ul>
 *   <li>{@code ENTERQUEUE} url|callerid|position</li>
 *   <li>{@code CONNECT} holdtime|bridged call id|ringtime</li>
 *   <li>{@code ABANDON}, {@code EXITEMPTY}, {@code EXITWITHTIMEOUT} position|origposition|waittime</li>
 *   <li>{@code EXITWITHKEY} key|position|origposition|waittime</li>
 *   <li>{@code COMPLETECALLER}, {@code COMPLETEAGENT} holdtime|calltime|origposition</li>
 *   <li>{@code RINGNOANSWER} ringtime in milliseconds; {@code RINGCANCELED} ringtime in milliseconds</li>
 *   <li>{@code AGENTLOGIN} channel; {@code AGENTLOGOFF} channel|logintime; {@code PAUSE}, {@code UNPAUSE} reason</li>
 * </ul>
 * Call backs, which Asterisk has no names for (see docs/acd.md): {@code CALLBACK_REQUESTED} number|priority|
 * original entry epoch, {@code CALLBACK_OFFERED} number|attempt, {@code CALLBACK_DIALLING} number|attempt,
 * {@code CALLBACK_CONNECTED} number|attempt|waittime, {@code CALLBACK_RETRY} number|attempt|why|next epoch,
 * {@code CALLBACK_FAILED} number|attempts|why, {@code CALLBACK_COMPLETED} number|calltime. Times are whole seconds.
 */
public record QueueEvent(Instant time, String callId, String queue, String agent, String event, List<String> data) {

    public static final String NONE = "NONE";
    public static final int MAX_DATA = 5;
    public static final int MAX_FIELD = 256;

    public QueueEvent {
        Objects.requireNonNull(time, "time");
        callId = field(callId);
        queue = field(queue).isEmpty() ? NONE : field(queue);
        agent = field(agent).isEmpty() ? NONE : field(agent);
        Objects.requireNonNull(event, "event");
        if (data.size() > MAX_DATA) {
            throw new IllegalArgumentException("at most " + MAX_DATA + " data fields");
        }
        List<String> clean = new ArrayList<>();
        data.forEach(d -> clean.add(field(d)));
        data = List.copyOf(clean);
    }

    public static QueueEvent of(Instant time, String callId, String queue, String agent, String event,
            Object... data) {
        List<String> fields = new ArrayList<>();
        for (Object d : data) {
            fields.add(String.valueOf(d));
        }
        return new QueueEvent(time, callId, queue, agent, event, fields);
    }

    /** Asterisk's text line: {@code epoch|callid|queue|agent|event|data1|…}. */
    public String toText() {
        StringBuilder out = new StringBuilder().append(time.getEpochSecond()).append('|').append(callId).append('|')
                .append(queue).append('|').append(agent).append('|').append(event);
        data.forEach(d -> out.append('|').append(d));
        return out.toString();
    }

    /** The {@code i}th data field (1-based, as data1..data5), or empty. */
    public String data(int i) {
        return i >= 1 && i <= data.size() ? data.get(i - 1) : "";
    }

    /** Single-line text without the separator, cut to {@link #MAX_FIELD}: a log line stays one line. */
    private static String field(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("[|\\p{Cntrl}]", "_");
        return clean.length() > MAX_FIELD ? clean.substring(0, MAX_FIELD) : clean;
    }
}
