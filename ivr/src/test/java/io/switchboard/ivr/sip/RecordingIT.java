package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.ivr.Hotline;
import io.switchboard.ivr.flow.PublishedFlow;
import io.switchboard.ivr.store.CallRecord;
import io.switchboard.ivr.store.CallRecordingEntry;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.store.CallWriter;
import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import io.switchboard.speech.Wav;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voicemail and survey over real SIP and RTP on loopback: a caller sends two seconds of G.711 audio, then silence,
 * a key or a BYE; the WAV written holds exactly that audio, and the recording and survey rows are in PostgreSQL.
 */
class RecordingIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FLOW = """
            flow: vm
            start: voicemail
            steps:
              voicemail:
                record: {prompt: [leave-message], max-length: 20s, silence-end: 1s, min-length: 500ms,
                         into: message, nothing: bye}
                next: rate
              rate:
                survey: {prompt: [survey-rating], timeout: 5s, into: rating, thanks: [survey-thanks],
                         comment: {prompt: [leave-message], silence-end: 1s, into: comment}}
                next: bye
              bye: {hangup: {}}
            """;

    /** What the caller says: two seconds of a 440 Hz tone, 100 frames. */
    private static final Prompt MESSAGE = new Prompt("message", "en", SipEndpointIT.tone(440, 2000));
    /** The survey comment: one second of a 300 Hz tone. */
    private static final Prompt COMMENT = new Prompt("comment", "en", SipEndpointIT.tone(300, 1000));
    private static final Prompt BEEP = new Prompt("beep", "en", SipEndpointIT.tone(1000, 200));
    private static final Prompt SURVEY = new Prompt("survey-rating", "en", SipEndpointIT.tone(700, 400));

    private static Database database;
    private static CallStore store;

    @TempDir
    Path recordings;

    private CallWriter writer;
    private SipEndpoint endpoint;
    private int port;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.create(RecordingIT.class).open();
        store = new CallStore(database.dataSource(), "node-rec");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    private void start() throws Exception {
        writer = new CallWriter(store);
        PublishedFlow flow = new PublishedFlow("vm", 1, FlowCompiler.compile("vm.yaml", FLOW));
        Hotline hotline = new Hotline(dialed -> Optional.of(flow), writer, new FlowInterpreter());
        List<Prompt> prompts = List.of(new Prompt("leave-message", "en", SipEndpointIT.tone(500, 300)), BEEP,
                SURVEY, new Prompt("survey-thanks", "en", SipEndpointIT.tone(600, 200)));
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        endpoint = new SipEndpoint(new SipEndpointConfig("127.0.0.1", port, 31000, 31999, Duration.ofSeconds(30)),
                PromptLibrary.of(prompts), hotline, recordings);
        endpoint.start();
    }

    /** Calls in, waits for the beep, and sends a little silence and then the message. */
    private CallerMedia leaveMessage(RawSipClient phone) throws Exception {
        phone.send(phone.invite("100", phone.defaultOffer()));
        String ok = phone.awaitResponse("INVITE", 200, WAIT);
        phone.send(phone.ack("100"));
        CallerMedia caller = new CallerMedia(phone.rtp, RawSipClient.mediaPort(ok));
        caller.awaitPrompt(BEEP, WAIT);
        caller.sendAudio(CallerMedia.silence(5));
        caller.sendAudio(MESSAGE.frames(AudioCodec.PCMU));
        return caller;
    }

    @Test
    void silenceEndsTheMessageAndTheWavHoldsExactlyWhatWasSaid() throws Exception {
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            CallerMedia caller = leaveMessage(phone);
            caller.sendAudio(CallerMedia.silence(60));
            caller.awaitPrompt(SURVEY, WAIT);
            phone.send(phone.bye("100"));
            phone.awaitResponse("BYE", 200, WAIT);
        }
        CallRecord call = storedCall();
        assertThat(call.recordings()).singleElement().satisfies(r -> {
            assertThat(r.endedBy()).isEqualTo("silence");
            assertThat(r.finishKey()).isNull();
            assertThat(r.length()).isEqualTo(Duration.ofSeconds(2));
        });
        assertThatWavHoldsTheMessage(call.recordings().getFirst());
        assertThat(call.surveys()).as("the caller hung up before rating").isEmpty();
    }

    @Test
    void theFinishKeyEndsTheMessageAndTheSurveyRatingAndCommentAreStored() throws Exception {
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            CallerMedia caller = leaveMessage(phone);
            caller.pressKey('#');
            caller.awaitPrompt(SURVEY, WAIT);
            caller.pressKey('4');
            caller.awaitPrompt(BEEP, WAIT);
            caller.sendAudio(CallerMedia.silence(5));
            caller.sendAudio(COMMENT.frames(AudioCodec.PCMU));
            caller.pressKey('#');
            phone.ok(phone.awaitRequest("BYE", WAIT));
        }
        CallRecord call = storedCall(2);
        assertThat(call.recordings()).hasSize(2).allSatisfy(r -> {
            assertThat(r.endedBy()).isEqualTo("finish-key");
            assertThat(r.finishKey()).isEqualTo("#");
        });
        assertThatWavHoldsTheMessage(call.recordings().getFirst());
        CallRecordingEntry comment = call.recordings().get(1);
        assertThat(Wav.read(Path.of(comment.file()))).isEqualTo(decoded(COMMENT.frames(AudioCodec.PCMU)));
        assertThat(call.surveys()).singleElement().satisfies(s -> {
            assertThat(s.rating()).isEqualTo(4);
            assertThat(s.comment()).isEqualTo(comment.file());
        });
    }

    @Test
    void aCallerWhoHangsUpMidMessageStillLeavesIt() throws Exception {
        start();
        try (RawSipClient phone = new RawSipClient(port)) {
            leaveMessage(phone);
            phone.send(phone.bye("100"));
            phone.awaitResponse("BYE", 200, WAIT);
        }
        CallRecord call = storedCall();
        assertThat(call.recordings()).singleElement()
                .satisfies(r -> assertThat(r.endedBy()).isEqualTo("hung-up"));
        assertThatWavHoldsTheMessage(call.recordings().getFirst());
        assertThat(call.hungUpBy()).isEqualTo("caller");
    }

    /**
     * The one call this test made, once its recording is written (the call's thread writes it after a BYE has been
     * answered), the call has ended and everything about it is stored.
     */
    private CallRecord storedCall() throws IOException, InterruptedException {
        return storedCall(1);
    }

    /** The one call this test made, once {@code expected} recordings of it are stored and it has ended. */
    private CallRecord storedCall(int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<CallRecord> call = callIdOfTheRecording().flatMap(id -> {
                assertThat(writer.flush(WAIT)).isTrue();
                return store.find(id);
            });
            if (call.isPresent() && call.get().hasEnded() && call.get().recordings().size() == expected) {
                return call.get();
            }
            assertThat(System.nanoTime()).as("the call's recording written and stored").isLessThan(deadline);
            Thread.sleep(50); // polling with a deadline
        }
    }

    /** The call id from the call's first WAV in the recordings directory ({@code <call id>-1.wav}), once there is one. */
    private Optional<String> callIdOfTheRecording() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(recordings)) {
            list.filter(f -> f.getFileName().toString().endsWith("-1.wav")).forEach(files::add);
        }
        assertThat(files).as("first recordings: one call per test").hasSizeLessThanOrEqualTo(1);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        String name = files.getFirst().getFileName().toString();
        assertThat(name).endsWith("-1.wav");
        return Optional.of(name.substring(0, name.length() - "-1.wav".length()));
    }

    private void assertThatWavHoldsTheMessage(CallRecordingEntry recording) {
        short[] written = Wav.read(Path.of(recording.file()));
        short[] sent = decoded(MESSAGE.frames(AudioCodec.PCMU));
        assertThat(written.length).as("samples in the WAV").isEqualTo(sent.length);
        assertThat(written).as("the decoded G.711 the caller sent").isEqualTo(sent);
        assertThat(recording.length()).isEqualTo(Duration.ofMillis(sent.length / 8));
    }

    private static short[] decoded(List<byte[]> frames) {
        short[] out = new short[frames.size() * Prompt.FRAME_SAMPLES];
        int i = 0;
        for (byte[] frame : frames) {
            for (byte b : frame) {
                out[i++] = AudioCodec.PCMU.decode(b);
            }
        }
        return out;
    }
}
