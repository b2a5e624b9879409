package io.switchboard.callflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The key buffer, the one hang-up signal and the prompt languages every carrier's call shares. */
class CallSignalsTest {

    private final CallSignals signals = new CallSignals();

    @Test
    void keysTypedAheadAreTakenInOrderAndABufferedKeyWinsOverALaterHangUp() {
        signals.offerKey('1');
        signals.offerKey('2');
        signals.hangUp();
        assertThat(signals.nextKey(Duration.ZERO)).isEqualTo(new KeyOutcome.Key('1'));
        assertThat(signals.nextKey(Duration.ZERO)).isEqualTo(new KeyOutcome.Key('2'));
        assertThat(signals.nextKey(Duration.ofSeconds(5))).isEqualTo(new KeyOutcome.HungUp());
        assertThat(signals.offerKey('3')).as("no keys after the call ended").isFalse();
    }

    @Test
    void theBufferIsBoundedAndCanBeCleared() {
        for (int i = 0; i < CallSignals.MAX_KEYS; i++) {
            assertThat(signals.offerKey('5')).isTrue();
        }
        assertThat(signals.offerKey('6')).isFalse();
        signals.clearKeys();
        assertThat(signals.hasKeys()).isFalse();
        assertThat(signals.nextKey(Duration.ZERO)).isEqualTo(new KeyOutcome.Timeout());
    }

    @Test
    void aHangUpFromAnotherThreadWakesAWaitForAKey() throws Exception {
        CompletableFuture<KeyOutcome> waiting = CompletableFuture.supplyAsync(
                () -> signals.nextKey(Duration.ofMinutes(5)));
        Thread.sleep(50); // let the wait begin; the outcome is the same either way
        assertThat(signals.hangUp()).isTrue();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(new KeyOutcome.HungUp());
    }

    @Test
    void onlyTheFirstHangUpCountsAndRecordsHowTheCallEnded() {
        AtomicBoolean firstRecorded = new AtomicBoolean();
        assertThat(signals.hangUp(() -> firstRecorded.set(true))).isTrue();
        assertThat(signals.hangUp(() -> { throw new AssertionError("a second hang-up must not count"); }))
                .isFalse();
        assertThat(firstRecorded).isTrue();
        assertThat(signals.isGone()).isTrue();
    }

    @Test
    void aPlaybackEndsWhenItFinishesOnBargeInOrOnHangUp() throws Exception {
        boolean[] done = {false};
        CompletableFuture<PlayOutcome> playing = CompletableFuture.supplyAsync(
                () -> signals.awaitPlayback(() -> done[0], true));
        signals.changed(() -> done[0] = true);
        assertThat(playing.get(10, TimeUnit.SECONDS)).isEqualTo(PlayOutcome.COMPLETED);

        CompletableFuture<PlayOutcome> interrupted = CompletableFuture.supplyAsync(
                () -> signals.awaitPlayback(() -> false, true));
        signals.offerKey('9');
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isEqualTo(PlayOutcome.INTERRUPTED);
        assertThat(signals.pollKey()).as("the key that barged in stays buffered").contains('9');

        CompletableFuture<PlayOutcome> hungUp = CompletableFuture.supplyAsync(
                () -> signals.awaitPlayback(() -> false, false));
        signals.hangUp();
        assertThat(hungUp.get(10, TimeUnit.SECONDS)).isEqualTo(PlayOutcome.HUNG_UP);
    }

    @Test
    void promptsAreLookedUpInTheCallsLanguageThenTheFallback() {
        assertThat(signals.promptLanguages()).containsExactly("en");
        signals.setLanguage("es");
        assertThat(signals.promptLanguages()).containsExactly("es", "en");
    }
}
