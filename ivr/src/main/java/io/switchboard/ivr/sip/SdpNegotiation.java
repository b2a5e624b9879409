package io.switchboard.ivr.sip;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.sdp.MediaDescription;
import io.switchboard.speech.sdp.RtpMap;
import io.switchboard.speech.sdp.SdpException;
import io.switchboard.speech.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The caller's SDP offer → what we send and where: the first offered codec we speak (PCMU or PCMA, in the caller's
 * order of preference), RFC 4733 telephone-event when offered, and the caller's RTP address.
 *
 * @param codec            the audio codec both sides use
 * @param audioPt          the payload type for it (the caller's number for it)
 * @param telephoneEventPt the caller's telephone-event payload type, or -1
 * @param remote           where to send RTP
 */
public record SdpNegotiation(AudioCodec codec, int audioPt, int telephoneEventPt, InetSocketAddress remote) {

    /** Negotiates, or explains why not (for a 488 Warning). */
    public static Result negotiate(String offerText) {
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(offerText);
        } catch (SdpException e) {
            return new Result(Optional.empty(), "unreadable SDP offer: " + e.getMessage());
        }
        Optional<MediaDescription> audio = offer.audio();
        if (audio.isEmpty() || audio.get().port() == 0) {
            return new Result(Optional.empty(), "the offer has no audio stream");
        }
        Optional<InetSocketAddress> remote = offer.audioTarget();
        if (remote.isEmpty()) {
            return new Result(Optional.empty(), "the offer has no connection address");
        }
        AudioCodec codec = null;
        int audioPt = -1;
        int tePt = -1;
        for (RtpMap format : audio.get().offeredFormats()) {
            if (codec == null && format.clockRate() == 8000) {
                Optional<AudioCodec> c = AudioCodec.byName(format.encoding());
                if (c.isPresent()) {
                    codec = c.get();
                    audioPt = format.payloadType();
                }
            }
            if (tePt < 0 && format.is("telephone-event", 8000)) {
                tePt = format.payloadType();
            }
        }
        if (codec == null) {
            return new Result(Optional.empty(), "no common codec: offered " + audio.get().offeredFormats().stream()
                    .map(RtpMap::encoding).toList() + ", we speak PCMU and PCMA");
        }
        return new Result(Optional.of(new SdpNegotiation(codec, audioPt, tePt, remote.get())), "");
    }

    /** Our answer, for RTP on {@code address}:{@code port}. */
    public String answer(String address, int port, long sessionId) {
        List<RtpMap> formats = new ArrayList<>();
        formats.add(RtpMap.of(audioPt, codec.encodingName(), 8000));
        if (telephoneEventPt >= 0) {
            formats.add(RtpMap.of(telephoneEventPt, "telephone-event", 8000));
        }
        return SessionDescription.audio(address, port, formats, sessionId).encode();
    }

    /** A negotiation, or why it failed. */
    public record Result(Optional<SdpNegotiation> negotiation, String failure) {}
}
