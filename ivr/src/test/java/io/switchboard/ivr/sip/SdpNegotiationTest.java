package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.AudioCodec;
import org.junit.jupiter.api.Test;

class SdpNegotiationTest {

    private static String offer(String formats, String maps) {
        return RawSipClient.sdpOffer(4000, formats, maps);
    }

    @Test
    void takesTheCallersFirstCodecWeSpeakAndItsTelephoneEventType() {
        var n = SdpNegotiation.negotiate(offer("18 8 0 96", "a=rtpmap:18 G729/8000\r\na=rtpmap:96 telephone-event/8000\r\n"))
                .negotiation().orElseThrow();
        assertThat(n.codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(n.telephoneEventPt()).isEqualTo(96);
        assertThat(n.remote().getPort()).isEqualTo(4000);
        String answer = n.answer("127.0.0.1", 20002, 7);
        assertThat(answer).contains("m=audio 20002 RTP/AVP 8 96\r\n", "a=rtpmap:96 telephone-event/8000\r\n");
    }

    @Test
    void worksWithoutTelephoneEvent() {
        var n = SdpNegotiation.negotiate(offer("0", "")).negotiation().orElseThrow();
        assertThat(n.codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(n.telephoneEventPt()).isEqualTo(-1);
        assertThat(n.answer("127.0.0.1", 20000, 1)).contains("m=audio 20000 RTP/AVP 0\r\n")
                .doesNotContain("telephone-event");
    }

    @Test
    void explainsRefusals() {
        assertThat(SdpNegotiation.negotiate(offer("9", "")).failure())
                .isEqualTo("no common codec: offered [G722], we speak PCMU and PCMA");
        assertThat(SdpNegotiation.negotiate("v=0\r\nbogus\r\n").failure()).startsWith("unreadable SDP offer: line 2");
        assertThat(SdpNegotiation.negotiate("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n").failure())
                .isEqualTo("the offer has no audio stream");
    }
}
