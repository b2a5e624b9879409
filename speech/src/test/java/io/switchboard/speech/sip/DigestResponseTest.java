package io.switchboard.speech.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestResponseTest {

    /** The worked example of RFC 2617 section 3.5 (HTTP GET, qop auth), which SIP digest reuses unchanged. */
    @Test
    void computesTheRfc2617Example() {
        String ha1 = DigestResponse.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        String response = DigestResponse.of(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "GET", "/dir/index.html",
                "00000001", "0a4f113b", "auth");
        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void withoutQopLeavesOutNonceCountAndClientNonce() {
        String ha1 = DigestResponse.ha1("1001", "switchboard", "secret");
        String plain = DigestResponse.of(ha1, "abc", "REGISTER", "sip:127.0.0.1", "00000001", "x", null);
        assertThat(plain).isEqualTo(DigestResponse.md5(ha1 + ":abc:" + DigestResponse.md5("REGISTER:sip:127.0.0.1")))
                .isNotEqualTo(DigestResponse.of(ha1, "abc", "REGISTER", "sip:127.0.0.1", "00000001", "x", "auth"));
    }

    @Test
    void matchesIgnoresHexCaseAndRefusesMissingOrWrongAnswers() {
        String d = DigestResponse.md5("x");
        assertThat(DigestResponse.matches(d, d.toUpperCase(java.util.Locale.ROOT))).isTrue();
        assertThat(DigestResponse.matches(d, null)).isFalse();
        assertThat(DigestResponse.matches(d, DigestResponse.md5("y"))).isFalse();
    }
}
