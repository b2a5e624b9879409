package io.switchboard.admin.telephony;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.switchboard.ivr.call.ReasonCounts;
import io.switchboard.ivr.sip.SipEndpoint;

/**
 * The built-in endpoint's load and refusals as Micrometer meters:
 * <ul>
 *   <li>{@code switchboard.calls.active} and {@code switchboard.calls.capacity} (gauges): calls holding a slot, and
 *       the calls allowed at once;</li>
 *   <li>{@code switchboard.calls.refused} (counter, tag {@code reason}: rate-limited, capacity, no-rtp-port,
 *       malformed, unanswerable);</li>
 *   <li>{@code switchboard.rtp.dropped} (counter, tag {@code reason}: wrong-source, malformed, payload-type).</li>
 * </ul>
 */
public final class TelephonyMeters implements MeterBinder {

    private final SipEndpoint endpoint;

    public TelephonyMeters(SipEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("switchboard.calls.active", endpoint, e -> e.capacity().used())
                .description("Calls holding a call slot (from INVITE to end)").register(registry);
        Gauge.builder("switchboard.calls.capacity", endpoint, e -> e.capacity().capacity())
                .description("Calls the endpoint takes at once").register(registry);
        counters(registry, "switchboard.calls.refused", "SIP requests refused, by reason", endpoint.refusals());
        counters(registry, "switchboard.rtp.dropped", "Inbound RTP datagrams dropped, by reason",
                endpoint.rtpDrops());
    }

    private static <R extends Enum<R>> void counters(MeterRegistry registry, String name, String description,
            ReasonCounts<R> counts) {
        for (R reason : counts.snapshot().keySet()) {
            FunctionCounter.builder(name, counts, c -> c.count(reason)).tag("reason", counts.code(reason))
                    .description(description).register(registry);
        }
    }
}
