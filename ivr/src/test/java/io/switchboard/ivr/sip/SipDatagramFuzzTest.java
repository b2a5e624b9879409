package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The raw pre-parse on mutated INVITEs: a verdict for every byte sequence, and every answer an addressed 400. */
class SipDatagramFuzzTest {

    private static final int SDP_LENGTH = SipDatagramCheckTest.SDP.length();

    @Test
    void everyMutatedInviteGetsAVerdictAndEveryAnswerIsAnAddressedSipError() {
        int cases = Fuzz.check("sip-datagram-check", SipDatagramFuzzTest::mutatedInvite, Fuzz::describe, bytes -> {
            DatagramVerdict verdict = SipDatagramCheck.judge(bytes, 0, bytes.length);
            switch (verdict) {
                case DatagramVerdict.Pass pass -> assertThat(pass.length()).isBetween(0, bytes.length);
                case DatagramVerdict.Drop drop -> assertThat(drop.why()).isNotBlank();
                case DatagramVerdict.Answer answer -> {
                    assertThat(answer.status()).isEqualTo(400);
                    String response = new String(StatelessResponse.encode(answer.status(), answer.reason(),
                            answer.request(), null), StandardCharsets.ISO_8859_1);
                    assertThat(response).startsWith("SIP/2.0 400 ").contains("\r\nVia: ")
                            .endsWith("Content-Length: 0\r\n\r\n");
                    assertThat(response.split("\r\n")[0]).matches("SIP/2.0 400 [\\x20-\\x7E]+");
                }
            }
        });
        assertThat(cases).isEqualTo(Fuzz.cases());
    }

    /** A valid INVITE mutated: bytes, or whole header lines dropped or repeated, or fragments of it. */
    static byte[] mutatedInvite(Random random) {
        return mutatedInvite(random, SipDatagramCheckTest.INVITE);
    }

    /** {@code invite} (shaped like {@link #INVITE}) mutated. */
    static byte[] mutatedInvite(Random random, String invite) {
        String[] lines = invite.split("\r\n", -1);
        return switch (random.nextInt(5)) {
            case 0 -> {
                StringBuilder b = new StringBuilder();
                for (String line : lines) {
                    int roll = random.nextInt(10);
                    if (roll == 0 && !line.isEmpty()) {
                        continue; // a header dropped
                    }
                    b.append(line).append("\r\n");
                    if (roll == 1 && !line.isEmpty()) {
                        b.append(line).append("\r\n"); // repeated
                    }
                }
                yield b.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> invite.replace("fuzz-1@raw", "x".repeat(random.nextInt(20_000)))
                    .getBytes(StandardCharsets.UTF_8); // a huge value
            case 2 -> invite.replace("Content-Length: " + SDP_LENGTH, "Content-Length: "
                    + (random.nextInt(2 * SDP_LENGTH + 20) - 10)).getBytes(StandardCharsets.UTF_8);
            default -> Fuzz.mutate(random, invite);
        };
    }
}
