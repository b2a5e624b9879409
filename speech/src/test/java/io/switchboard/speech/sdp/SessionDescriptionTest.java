package io.switchboard.speech.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

    private static final String SIPP_OFFER = """
            v=0
            o=user1 53655765 2353687637 IN IP4 127.0.0.1
            s=-
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio 6000 RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=x-custom:keep me
            """;

    @Test
    void parsesAnOfferWithLfOrCrlf() throws Exception {
        for (String text : List.of(SIPP_OFFER, SIPP_OFFER.replace("\n", "\r\n"))) {
            SessionDescription sdp = SessionDescription.parse(text);
            assertThat(sdp.audioTarget()).contains(new InetSocketAddress("127.0.0.1", 6000));
            MediaDescription audio = sdp.audio().orElseThrow();
            assertThat(audio.formats()).containsExactly(0, 8, 101);
            assertThat(audio.offeredFormats()).extracting(RtpMap::encoding)
                    .containsExactly("PCMU", "PCMA", "telephone-event");
            assertThat(audio.fmtp()).containsEntry(101, "0-15");
            assertThat(audio.otherAttributes()).containsExactly("x-custom:keep me");
        }
    }

    @Test
    void mediaLevelConnectionOverridesSessionLevel() throws Exception {
        SessionDescription sdp = SessionDescription.parse(
                "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 7000 RTP/AVP 8\n"
                        + "c=IN IP4 127.0.0.2\n");
        assertThat(sdp.audioTarget()).contains(new InetSocketAddress("127.0.0.2", 7000));
        assertThat(sdp.audio().orElseThrow().rtpMap(8)).contains(RtpMap.of(8, "PCMA", 8000));
    }

    @Test
    void encodesAnAnswerThatParsesBack() throws Exception {
        SessionDescription answer = SessionDescription.audio("127.0.0.1", 20000,
                List.of(RtpMap.of(0, "PCMU", 8000), RtpMap.of(101, "telephone-event", 8000)), 42);
        String text = answer.encode();
        assertThat(text).contains("m=audio 20000 RTP/AVP 0 101\r\n", "a=rtpmap:101 telephone-event/8000\r\n",
                "a=fmtp:101 0-16\r\n", "a=sendrecv\r\n");
        assertThat(SessionDescription.parse(text)).isEqualTo(answer);
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> SessionDescription.parse("v=0\no=- 1 1 IN IP4 h\nm=audio x RTP/AVP 0\n"))
                .isInstanceOf(SdpException.class).hasMessage("line 3: media port is not a number: x");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\ngarbage\n")).hasMessage(
                "line 2: not '<type>=<value>': garbage");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\n")).hasMessage("missing o= line");
        assertThatThrownBy(() -> SessionDescription.parse("")).hasMessage("empty session description");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\no=- 1 1 IN IP4 h\nm=audio 1 RTP/AVP 0\n"
                + "a=rtpmap:999 X/8000\n")).hasMessage("line 4: rtpmap payload type out of range: 999");
    }

    @Test
    void hugeValuesAreRefusedNotOverflowed() {
        assertThatThrownBy(() -> SessionDescription.parse("v=0\no=- 1 1 IN IP4 h\nm=audio 99999999999 RTP/AVP 0\n"))
                .hasMessage("line 3: media port out of range: 99999999999");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\n" + "a=x\n".repeat(20_000)))
                .hasMessageContaining("longer than");
    }
}
