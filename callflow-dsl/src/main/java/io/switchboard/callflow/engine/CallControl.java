package io.switchboard.callflow.engine;

import java.time.Duration;
import java.util.List;

/**
 * The call as the flow engine sees it, whatever carries it: Asterisk (FastAGI + AMI), the built-in SIP/RTP
 * endpoint, or a scripted in-memory call in flow tests.
 *
 * <p>Every blocking operation returns promptly once the caller is gone: a hang-up (AGI 511, AMI Hangup, SIP BYE)
 * is one signal, {@link #isGone()}, and the running operation returns {@link PlayOutcome#HUNG_UP} or
 * {@link KeyOutcome.HungUp} instead of throwing through the steps.
 *
 * <p>Keys the caller presses are kept in a type-ahead buffer: a key pressed during a prompt interrupts it when
 * barge-in is on and stays in the buffer for the next {@link #nextKey(Duration)}.
 */
public interface CallControl {

    /** Who called whom, fixed for the life of the call. */
    CallFacts facts();

    /** Answers the call if it is not answered yet; false when the caller is already gone. */
    boolean answer();

    /**
     * Plays the prompts in order, in the call's current language.
     *
     * @param bargeIn when true, a key pressed while a prompt plays stops the playback (the key stays buffered)
     */
    PlayOutcome play(List<PromptRef> prompts, boolean bargeIn);

    /** Takes the next key from the type-ahead buffer, waiting up to {@code timeout} for one. */
    KeyOutcome nextKey(Duration timeout);

    /**
     * Waits for the caller's next input, a key or, on a call that recognises speech, an utterance
     * ({@link KeyOutcome.Speech}). {@code phrases} are what the step would understand, for a recogniser to use as
     * its grammar. A call without a recogniser takes keys only.
     */
    default KeyOutcome nextInput(Duration timeout, java.util.Set<String> phrases) {
        return nextKey(timeout);
    }

    /** Discards keys typed ahead. */
    void clearKeys();

    /** The caller's language (for example {@code en}); prompts resolve in it. */
    String language();

    /** Switches the language the rest of the call's prompts are played in. */
    void setLanguage(String language);

    /** Ends the call from our side; does nothing when it has already ended. */
    void hangup();

    /** True once the call has ended, whichever side ended it. */
    boolean isGone();

    /**
     * Records what the caller says (a voicemail message, a survey comment) until a finish key, silence, the maximum
     * length or a hang-up ends it; returns promptly on a hang-up and keeps what was said before it. A carrier that
     * cannot record returns {@link RecordOutcome.Ending#FAILED}.
     */
    default RecordOutcome record(RecordRequest request) {
        return RecordOutcome.nothing(isGone() ? RecordOutcome.Ending.HUNG_UP : RecordOutcome.Ending.FAILED);
    }
}
