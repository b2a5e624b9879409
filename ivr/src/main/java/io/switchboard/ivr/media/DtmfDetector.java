package io.switchboard.ivr.media;

import io.switchboard.speech.rtp.MalformedPacketException;
import io.switchboard.speech.rtp.RtpPacket;
import io.switchboard.speech.rtp.TelephoneEvent;
import java.util.Optional;

/**
 * Turns RFC 4733 telephone-event packets into key presses. Every packet of one press shares its RTP timestamp, and
 * the end packet is usually sent three times: a key is reported once, on the first packet of a new timestamp (so
 * even a press whose first packets were lost is reported), and never again for that timestamp.
 */
public final class DtmfDetector {

    private long lastTimestamp = -1;

    /** The key this packet starts, if it starts one. */
    public Optional<Character> accept(RtpPacket packet) {
        TelephoneEvent event;
        try {
            event = TelephoneEvent.parse(packet.payload());
        } catch (MalformedPacketException e) {
            return Optional.empty();
        }
        if (packet.timestamp() == lastTimestamp) {
            return Optional.empty();
        }
        lastTimestamp = packet.timestamp();
        return event.digit();
    }
}
