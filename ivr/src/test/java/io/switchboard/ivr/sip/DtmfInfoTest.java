package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DtmfInfoTest {

    @Test
    void readsDtmfRelayAndPlainDtmfBodies() {
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")).contains('5');
        assertThat(DtmfInfo.parse("Application/DTMF-Relay", "signal= #\nDuration=100")).contains('#');
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=11\r\n")).contains('#');
        assertThat(DtmfInfo.parse("application/dtmf", "*")).contains('*');
    }

    @Test
    void ignoresWhatIsNotAKey() {
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Duration=160")).isEmpty();
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=55")).isEmpty();
        assertThat(DtmfInfo.parse("text/plain", "5")).isEmpty();
    }
}
