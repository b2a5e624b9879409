package io.switchboard.speech.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SDP offers as a caller's INVITE carries them, mutated: parsing either gives a description (which encodes, and
 * whose encoding parses again) or says why with an {@link SdpException}; nothing else escapes.
 */
class SessionDescriptionFuzzTest {

    private static final String OFFER = "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\n"
            + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\n"
            + "a=sendrecv\r\n";

    @Test
    void mutatedOffersParseOrFailWithSdpException() {
        int cases = Fuzz.check("sdp-offer", SessionDescriptionFuzzTest::input, Fuzz::describe, bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            SessionDescription sdp;
            try {
                sdp = SessionDescription.parse(text);
            } catch (SdpException e) {
                assertThat(e.getMessage()).isNotBlank();
                return;
            }
            sdp.audioTarget().ifPresent(target -> assertThat(target.isUnresolved()).isFalse());
            sdp.audio().ifPresent(MediaDescription::offeredFormats);
            SessionDescription again = SessionDescription.parse(sdp.encode());
            assertThat(again.media()).hasSameSizeAs(sdp.media());
        });
        assertThat(cases).isEqualTo(Fuzz.cases());
    }

    @Test
    void aHostNameIsNeverResolved() throws Exception {
        SessionDescription sdp = SessionDescription.parse(OFFER.replace("c=IN IP4 127.0.0.1", "c=IN IP4 localhost"));
        assertThat(sdp.connectionAddress()).isEqualTo("localhost");
        assertThat(sdp.audioTarget()).as("no DNS lookup for a name in an offer").isEmpty();
        assertThat(SessionDescription.parse(OFFER.replace("IN IP4 127.0.0.1\r\nt", "IN IP6 ::1\r\nt"))
                .audioTarget()).hasValueSatisfying(a -> assertThat(a.getAddress().getHostAddress()).isEqualTo(
                        "0:0:0:0:0:0:0:1"));
        assertThat(SessionDescription.ipLiteral("ab.cd")).isEmpty();
        assertThat(SessionDescription.ipLiteral("256.1.1.1")).isEmpty();
    }

    @Test
    void aLongOriginSessionIdEncodesAsANumberThatParsesAgain() throws Exception {
        SessionDescription sdp = SessionDescription.parse(OFFER.replace("53655765", "9999999999999999999953655765"));
        assertThat(sdp.sessionId()).isEqualTo(999_999_999_999_999_999L);
        assertThat(SessionDescription.parse(sdp.encode()).sessionId()).isEqualTo(sdp.sessionId());
    }

    private static byte[] input(Random random) {
        return random.nextInt(10) == 0 ? Fuzz.randomBytes(random, random.nextInt(300)) : Fuzz.mutate(random, OFFER);
    }
}
