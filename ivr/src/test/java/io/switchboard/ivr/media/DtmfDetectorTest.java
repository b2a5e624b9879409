package io.switchboard.ivr.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.rtp.RtpPacket;
import io.switchboard.speech.rtp.TelephoneEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfDetectorTest {

    private final DtmfDetector detector = new DtmfDetector();
    private final List<Character> keys = new ArrayList<>();
    private int seq;

    @Test
    void oneKeyPerEventDespiteProgressAndRetransmittedEndPackets() {
        press('5', 1000, 4);
        assertThat(keys).containsExactly('5');
    }

    @Test
    void theSameKeyTwiceIsTwoPresses() {
        press('1', 1000, 3);
        press('1', 2000, 3);
        assertThat(keys).containsExactly('1', '1');
    }

    @Test
    void aPressWhoseFirstPacketsWereLostIsStillReportedOnce() {
        send('9', 5000, true, 800);
        send('9', 5000, true, 800);
        assertThat(keys).containsExactly('9');
    }

    @Test
    void malformedAndUnknownEventsAreIgnored() {
        detector.accept(new RtpPacket(101, false, seq++, 1, 1, new byte[] {1, 2}))
                .ifPresent(keys::add);
        detector.accept(new RtpPacket(101, false, seq++, 2, 1, new TelephoneEvent(40, false, 10, 160).encode()))
                .ifPresent(keys::add);
        assertThat(keys).isEmpty();
    }

    private void press(char key, long ts, int progress) {
        for (int i = 1; i <= progress; i++) {
            send(key, ts, false, 160 * i);
        }
        for (int i = 0; i < 3; i++) {
            send(key, ts, true, 160 * (progress + 1));
        }
    }

    private void send(char key, long ts, boolean end, int duration) {
        byte[] payload = TelephoneEvent.ofDigit(key, end, 10, duration).encode();
        detector.accept(new RtpPacket(101, false, seq++, ts, 7, payload)).ifPresent(keys::add);
    }
}
