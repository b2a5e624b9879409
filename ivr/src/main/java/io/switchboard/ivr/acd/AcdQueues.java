package io.switchboard.ivr.acd;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.QueuePort;
import io.switchboard.callflow.queue.QueueRegistry;
import io.switchboard.callflow.queue.QueueSettings;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.store.CallStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queueing for the flow engine: the caller's own thread waits in line (ENTERQUEUE), hearing the queue's hold audio
 * looped, its position and estimated wait announced, a call back or chat offered; exit keys and the maximum wait
 * end the wait; the chat key leaves the line with CHATOVERFLOW (not an abandon: a trigger hands the caller to chat); when an agent is claimed for the caller, {@link AgentConnection} rings and connects them. An agent who does
 * not answer sends the caller back to the same place. The flow's queue step may override the queue's maximum wait
 * (always: the step has its own default), hold audio and announcement interval (when it sets them).
 */
public final class AcdQueues implements QueuePort {

    private static final Logger log = LoggerFactory.getLogger(AcdQueues.class);

    private final Supplier<QueueRegistry> registry;
    private final AcdDispatcher dispatcher;
    private final QueueLine line;
    private final OfferableAgents agents;
    private final AgentConnection connection;
    private final WaitEstimator estimator;
    private final KeptPlaces kept;
    private final QueueLog queueLog;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final AtomicLong seq = new AtomicLong();

    AcdQueues(Supplier<QueueRegistry> registry, AcdDispatcher dispatcher, QueueLine line, OfferableAgents agents,
            AgentConnection connection, WaitEstimator estimator, KeptPlaces kept, QueueLog log,
            ScheduledExecutorService timers, Clock clock) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.line = line;
        this.agents = agents;
        this.connection = connection;
        this.estimator = estimator;
        this.kept = kept;
        this.queueLog = log;
        this.timers = timers;
        this.clock = clock;
    }

    @Override
    public QueueResult queue(QueueRequest request, CallControl call) {
        Optional<QueueRegistry.Queue> defined = registry.get().queue(request.queue());
        if (defined.isEmpty()) {
            return new QueueResult.Unavailable("no queue '" + request.queue() + "' in queues.yaml");
        }
        if (!(call instanceof CallLeg leg)) {
            return new QueueResult.Unavailable("this call cannot be connected to an agent");
        }
        if (leg.isGone()) {
            return new QueueResult.HungUp();
        }
        QueueSettings settings = defined.get().settings();
        if (!settings.joinWhenEmpty() && agents.serving(request.queue(), settings.empty(), leg.carrier()) == 0) {
            return new QueueResult.NoAgents();
        }
        if (line.size(request.queue()) >= settings.maxLength()) {
            return new QueueResult.Full();
        }
        Instant joined = clock.instant();
        WaitingCall place = new WaitingCall(leg.facts().callId(), request.queue(), request.priority(), joined,
                seq.incrementAndGet(), request.skills(), 0, leg.facts().caller(), leg.language(),
                request.attributes());
        try {
            return new Wait(request, leg, settings, place, joined).run();
        } catch (CallStoreException e) {
            // the database failed mid-wait: the caller leaves the line and the flow takes its fallback
            dispatcher.leave(place);
            log.warn("Call {} left queue {}: {}", place.id(), place.queue(), e.getMessage());
            return new QueueResult.Unavailable("the ACD cannot reach its database");
        }
    }

    /** One caller's wait. */
    private final class Wait {
        private final QueueRequest request;
        private final CallLeg leg;
        private final QueueSettings settings;
        private final WaitingCall place;
        private final Instant joined;
        private final List<PromptRef> hold;
        private final Duration announceEvery;
        private final Instant deadline;
        private Instant nextAnnouncement;
        private Instant nextOffer;
        private Instant nextChatOffer;
        private boolean chatOffered;
        private int origPosition;

        Wait(QueueRequest request, CallLeg leg, QueueSettings settings, WaitingCall place, Instant joined) {
            this.request = request;
            this.leg = leg;
            this.settings = settings;
            this.place = place;
            this.joined = joined;
            this.hold = request.holdAudio().isEmpty() ? (settings.hold().isEmpty()
                    ? QueueSettings.DEFAULTS.hold() : settings.hold()) : request.holdAudio();
            this.announceEvery = request.announce().isZero() ? settings.announce().every() : request.announce();
            this.deadline = joined.plus(request.maxWait());
            this.nextAnnouncement = settings.announce().any() ? joined.plus(settings.announce().firstAfter()) : null;
            this.nextOffer = request.callback() == null ? null : joined.plus(settings.announce().firstAfter());
            this.nextChatOffer = request.chat() == null ? null : joined.plus(settings.announce().firstAfter());
        }

        QueueResult run() {
            CompletableFuture<OfferableAgent> offer = dispatcher.join(place, leg.carrier());
            origPosition = Math.max(1, line.position(place));
            queueLog.append(QueueEvent.of(joined, place.id(), place.queue(), "NONE", "ENTERQUEUE", "",
                    place.callerId(), origPosition));
            while (true) {
                if (offer.isDone()) {
                    String why = dispatcher.takeReason(place.id());
                    if (!why.isEmpty()) {
                        leg.routed(offer.join().agentId(), why);
                    }
                    var outcome = connection.connect(new AgentConnection.Attempt(leg, place, offer.join(), hold,
                            settings.ringTimeout(), settings.wrapUp(), joined, origPosition));
                    switch (outcome) {
                        case AgentConnection.Outcome.Talked t -> {
                            return new QueueResult.Connected(t.agentId());
                        }
                        case AgentConnection.Outcome.CallerGone g -> {
                            return exit("ABANDON", 1, new QueueResult.HungUp());
                        }
                        case AgentConnection.Outcome.NotAnswered n -> offer = dispatcher.join(place, leg.carrier());
                    }
                    continue;
                }
                Instant now = clock.instant();
                if (leg.isGone()) {
                    return leave(offer, "ABANDON", new QueueResult.HungUp());
                }
                if (!now.isBefore(deadline)) {
                    return leave(offer, "EXITWITHTIMEOUT", new QueueResult.TimedOut());
                }
                if (settings.leaveWhenEmpty()
                        && agents.serving(place.queue(), settings.empty(), leg.carrier()) == 0) {
                    return leave(offer, "EXITEMPTY", new QueueResult.NoAgents());
                }
                List<PromptRef> due = due(now);
                PlayOutcome played = due == hold ? leg.hold(hold, true, wake(offer, now))
                        : leg.play(due, true, wake(offer, now));
                if (played == PlayOutcome.INTERRUPTED) {
                    Optional<QueueResult> exit = key(offer);
                    if (exit.isPresent()) {
                        return exit.get();
                    }
                }
            }
        }

        /** What to play now: an announcement or call-back offer when one is due, else the hold audio. */
        private List<PromptRef> due(Instant now) {
            List<PromptRef> out = new java.util.ArrayList<>();
            int position = Math.max(1, line.position(place));
            Optional<Duration> estimate = Optional.empty();
            if (isDue(nextAnnouncement, now) || isDue(nextOffer, now) || isDue(nextChatOffer, now)) {
                estimate = estimator.estimate(place.queue(), position,
                        agents.serving(place.queue(), QueueSettings.Empty.NO_AGENTS_LOGGED_IN, leg.carrier()),
                        now);
            }
            if (nextAnnouncement != null && !now.isBefore(nextAnnouncement)) {
                out.addAll(Announcement.of(settings.announce(), position, estimate, leg.language()));
                nextAnnouncement = announceEvery.isZero() ? null : now.plus(announceEvery);
            }
            if (isDue(nextOffer, now)) {
                if (longWait(request.callback().whenWaitOver(), estimate, now)) {
                    out.addAll(request.callback().prompt());
                }
                nextOffer = now.plus(request.callback().every());
            }
            if (isDue(nextChatOffer, now)) {
                if (longWait(request.chat().whenWaitOver(), estimate, now)) {
                    out.addAll(request.chat().prompt());
                    chatOffered = true; // the key takes it from now on, not before the wait called for it
                }
                nextChatOffer = now.plus(request.chat().every());
            }
            return out.isEmpty() ? hold : out;
        }

        private static boolean isDue(Instant at, Instant now) {
            return at != null && !now.isBefore(at);
        }

        /** An offer is made when the wait ahead looks long, or when the wait so far already was (no estimate yet). */
        private boolean longWait(Duration over, Optional<Duration> estimate, Instant now) {
            return over.isZero() || estimate.map(e -> e.compareTo(over) > 0).orElse(false)
                    || Duration.between(joined, now).compareTo(over) > 0;
        }

        /** Completes when the agent is claimed or the next announcement, offer or the deadline is due. */
        private CompletableFuture<Object> wake(CompletableFuture<OfferableAgent> offer, Instant now) {
            CompletableFuture<Object> wake = new CompletableFuture<>();
            offer.whenComplete((a, e) -> wake.complete(a));
            Instant next = deadline;
            for (Instant t : new Instant[] {nextAnnouncement, nextOffer, nextChatOffer}) {
                if (t != null && t.isBefore(next)) {
                    next = t;
                }
            }
            long delay = Math.max(1, Duration.between(now, next).toMillis());
            ScheduledFuture<?> timer = timers.schedule(() -> wake.complete(null), delay, TimeUnit.MILLISECONDS);
            wake.whenComplete((v, e) -> timer.cancel(false));
            return wake;
        }

        /**
         * A key the caller pressed: an exit key, the call-back key or (once offered) the chat key ends the wait; others
         * are ignored.
         */
        private Optional<QueueResult> key(CompletableFuture<OfferableAgent> offer) {
            if (!(leg.nextKey(Duration.ZERO) instanceof KeyOutcome.Key k)) {
                return Optional.empty();
            }
            if (request.exitKeys().contains(k.key())) {
                return Optional.of(leave(offer, "EXITWITHKEY", new QueueResult.ExitKey(k.key()), k.key()));
            }
            if (request.callback() != null && request.callback().key() == k.key()) {
                QueueResult chosen = leave(offer, "EXITWITHKEY", new QueueResult.CallbackChosen(), k.key());
                kept.keep(place);
                return Optional.of(chosen);
            }
            if (chatOffered && request.chat().key() == k.key()) {
                // CHATOVERFLOW position|origposition|wait|priority: not an abandon; V32's trigger hands it to chat
                int position = leaveLine(offer);
                queueLog.append(QueueEvent.of(clock.instant(), place.id(), place.queue(), "NONE", "CHATOVERFLOW",
                        position, origPosition, Duration.between(joined, clock.instant()).toSeconds(),
                        place.priority()));
                return Optional.of(new QueueResult.ChatChosen());
            }
            return Optional.empty();
        }

        /** Leaves the line (giving back an agent claimed meanwhile) and logs why. */
        private QueueResult leave(CompletableFuture<OfferableAgent> offer, String event, QueueResult result,
                Object... before) {
            return exit(event, leaveLine(offer), result, before);
        }

        /** Leaves the line, giving back an agent claimed meanwhile; the position it had. */
        private int leaveLine(CompletableFuture<OfferableAgent> offer) {
            int position = Math.max(1, line.position(place));
            if (!dispatcher.leave(place)) {
                OfferableAgent claimed = offer.join();
                connection.giveBack(claimed.agentId(), place.id());
            }
            return position;
        }

        private QueueResult exit(String event, int position, QueueResult result, Object... before) {
            long waited = Duration.between(joined, clock.instant()).toSeconds();
            Object[] data = new Object[before.length + 3];
            System.arraycopy(before, 0, data, 0, before.length);
            data[before.length] = position;
            data[before.length + 1] = origPosition;
            data[before.length + 2] = waited;
            queueLog.append(QueueEvent.of(clock.instant(), place.id(), place.queue(), "NONE", event, data));
            return result;
        }
    }
}
