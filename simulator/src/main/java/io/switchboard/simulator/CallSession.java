package io.switchboard.simulator;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.PromptLibrary;
import io.switchboard.speech.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** One simulated call: what the caller heard, what it pressed, how it ended, and the figures. */
public final class CallSession {

    /** Which side ended the call. */
    public enum EndedBy { NONE, CALLER, SERVER }

    /** A key the caller sent, and when (its first RFC 4733 packet, or its INFO), on {@link System#nanoTime()}. */
    public record SentKey(char key, long nanos) {}

    /** What a session asks of the SIP side that holds its dialog (the simulated caller's or the agents' stack). */
    interface Dialogs {
        /** Hangs up (BYE). */
        void bye(CallSession session);

        /** Sends a key as SIP INFO. */
        void info(CallSession session, char key);
    }

    private final Dialogs caller;
    private final PromptLibrary library;
    final String sipCallId;
    final RtpPeer rtp;
    final CompletableFuture<Integer> finalStatus = new CompletableFuture<>();
    final CompletableFuture<EndedBy> ended = new CompletableFuture<>();
    private final List<Long> keysSentNanos = new CopyOnWriteArrayList<>();
    private final List<SentKey> sentKeys = new CopyOnWriteArrayList<>();
    private volatile boolean telephoneEvents;
    private volatile PromptRecognizer recognizer;
    volatile long answeredNanos;
    volatile long ackSentNanos;

    private final PromptRecognizer prepared;

    /** @param prepared a recognizer for the offered codec, built before dialing so answering is not delayed */
    CallSession(Dialogs caller, PromptLibrary library, String sipCallId, RtpPeer rtp,
            PromptRecognizer prepared) {
        this.caller = caller;
        this.library = library;
        this.sipCallId = sipCallId;
        this.rtp = rtp;
        this.prepared = prepared;
    }

    /** The server answered with {@code sdp}: start media. */
    void answered(String sdp, long answeredAt) throws Exception {
        SessionDescription answer = SessionDescription.parse(sdp);
        InetSocketAddress remote = answer.audioTarget().orElseThrow(() -> new IllegalStateException("no audio"));
        var formats = answer.audio().orElseThrow().offeredFormats();
        AudioCodec codec = formats.stream().map(f -> AudioCodec.byName(f.encoding())).flatMap(java.util.Optional::stream)
                .findFirst().orElseThrow(() -> new IllegalStateException("no G.711 in the answer: " + formats));
        int te = formats.stream().filter(f -> f.is("telephone-event", 8000)).mapToInt(f -> f.payloadType())
                .findFirst().orElse(-1);
        start(remote, codec, te, answeredAt);
    }

    /** Media starts: RTP in {@code codec} to and from {@code remote}, keys in payload type {@code te} (-1: none). */
    void start(InetSocketAddress remote, AudioCodec codec, int te, long answeredAt) {
        answeredNanos = answeredAt;
        telephoneEvents = te >= 0;
        if (prepared != null && prepared.codec() == codec) {
            prepared.startAt(answeredAt);
            recognizer = prepared;
        } else {
            recognizer = new PromptRecognizer(library, codec, answeredAt, Duration.ofMillis(500));
        }
        rtp.start(remote, codec, te, payload -> recognizer.accept(payload, System.nanoTime()));
    }

    void keySent(char key) {
        long now = System.nanoTime();
        keysSentNanos.add(now);
        sentKeys.add(new SentKey(key, now));
    }

    /** The keys sent so far, in order. */
    public List<SentKey> sentKeys() {
        return List.copyOf(sentKeys);
    }

    /** Whether the server's answer accepted RFC 4733 telephone-events (else keys must go by SIP INFO). */
    public boolean telephoneEvents() {
        return telephoneEvents;
    }

    /** The final SIP status of the INVITE (200 when answered), waiting up to {@code timeout}; -1 if none came. */
    public int status(Duration timeout) {
        try {
            return finalStatus.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    public boolean answered() {
        return finalStatus.getNow(-1) == 200;
    }

    /** Waits until {@code prompt} has started playing; fails listing what was heard. */
    public HeardPrompt awaitPrompt(String prompt, Duration timeout) {
        return awaitPrompt(prompt, 0, timeout);
    }

    /** Waits for the {@code occurrence}-th (0-based) start of {@code prompt}. */
    public HeardPrompt awaitPrompt(String prompt, int occurrence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long endSeen = 0;
        while (System.nanoTime() < deadline) {
            List<HeardPrompt> found = heard().stream().filter(h -> h.name().equals(prompt)).toList();
            if (found.size() > occurrence) {
                return found.get(occurrence);
            }
            if (ended.isDone()) {
                if (endSeen == 0) {
                    endSeen = System.nanoTime();
                } else if (System.nanoTime() - endSeen > 300_000_000L) {
                    break; // the call is over and its last packets are in
                }
            }
            waitALittle();
        }
        throw new AssertionError("prompt '" + prompt + "' not heard within " + timeout + "; heard " + heard()
                + (ended.isDone() ? " (call ended by " + ended.getNow(EndedBy.NONE) + ")" : ""));
    }

    /** Presses keys as RFC 4733 events, one after another (about 260 ms each). */
    public void pressKeys(String keys) {
        rtp.press(keys);
    }

    /** Whether keys are still waiting to be sent. */
    public boolean keysPending() {
        return rtp.keysPending();
    }

    /**
     * Sends {@code prompt}'s audio, looped, instead of silence from now on (a talking agent or caller); null goes back
     * to silence.
     */
    public void talk(io.switchboard.speech.Prompt prompt) {
        rtp.talk(prompt == null ? null : prompt.frames(rtp.codec()));
    }

    /** The codec this call's media uses (known once answered). */
    public AudioCodec codec() {
        return rtp.codec();
    }

    /** The keys the other side sent as RFC 4733 events, as a string in order. */
    public String keysReceived() {
        StringBuilder b = new StringBuilder();
        rtp.keysReceived().forEach(b::append);
        return b.toString();
    }

    /** Presses keys with SIP INFO (application/dtmf-relay). */
    public void pressKeysInfo(String keys) {
        for (char k : keys.toCharArray()) {
            keySent(k);
            caller.info(this, k);
        }
    }

    /** When the last RTP packet from the server arrived ({@link System#nanoTime()}); 0 before the first. */
    /** When the call was answered, on {@link System#nanoTime()}'s clock (zero before). */
    public long answeredNanos() {
        return answeredNanos;
    }

    public long lastMediaNanos() {
        return rtp.lastArrivalNanos();
    }

    /** Hangs up (BYE). */
    public void hangup() {
        caller.bye(this);
    }

    /** Waits for the call to end (either side); returns who ended it, NONE on timeout. */
    public EndedBy awaitEnded(Duration timeout) {
        try {
            return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return EndedBy.NONE;
        }
    }

    public EndedBy endedBy() {
        return ended.getNow(EndedBy.NONE);
    }

    public List<HeardPrompt> heard() {
        PromptRecognizer r = recognizer;
        return r == null ? List.of() : r.heard();
    }

    public List<String> heardNames() {
        return heard().stream().map(HeardPrompt::name).toList();
    }

    public List<PromptRecognizer.Gap> silenceGaps() {
        PromptRecognizer r = recognizer;
        return r == null ? List.of() : r.gaps();
    }

    public CallStats stats() {
        List<Long> arrivals = rtp.arrivals();
        List<Double> intervals = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            intervals.add((arrivals.get(i) - arrivals.get(i - 1)) / 1e6);
        }
        Duration ackToFirst = arrivals.isEmpty() || ackSentNanos == 0 ? null
                : Duration.ofNanos(arrivals.get(0) - ackSentNanos);
        Duration answerToFirst = arrivals.isEmpty() || answeredNanos == 0 ? null
                : Duration.ofNanos(arrivals.get(0) - answeredNanos);
        List<Duration> keyToPrompt = new ArrayList<>();
        List<HeardPrompt> heard = heard();
        for (long sent : keysSentNanos) {
            heard.stream().filter(h -> h.startNanos() > sent).findFirst()
                    .ifPresent(h -> keyToPrompt.add(Duration.ofNanos(h.startNanos() - sent)));
        }
        return new CallStats(intervals, answerToFirst, ackToFirst, keyToPrompt, arrivals.size(), rtp.sequenceBreaks(),
                rtp.timestampBreaks(), rtp.markers());
    }

    private static void waitALittle() {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
}
