package io.switchboard.ivr.acd;

import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.engine.CallbackPort;
import io.switchboard.callflow.engine.QueuePort;
import io.switchboard.ivr.call.AgentPhones;
import io.switchboard.ivr.call.Dialer;
import io.switchboard.ivr.report.Reports;
import io.switchboard.ivr.store.Transactions;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic call distributor, carrier-independent: queues callers and call backs, keeps agents and their
 * states in PostgreSQL, routes, and connects callers to agents through a {@link Dialer} and the call legs' bridges.
 * One entry point for the server to wire:
 * <pre>{@code
 * Acd acd = Acd.start(AcdConfig.defaults(siteDir), dataSource, dialer, Clock.systemUTC());
 * services = services.withQueues(acd.queuePort()).withCallbacks(acd.callbackPort());
 * registrar uses acd.agentPhones(); the API uses acd.agentDirectory(), acd.snapshots(), acd.queueLog()
 * }</pre>
 */
public final class Acd implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Acd.class);

    private final AgentDirectory directory;
    private final AgentStates states;
    private final AcdAgentPhones phones;
    private final QueueLog queueLog;
    private final CurrentCalls current;
    private final AcdQueues queues;
    private final AcdCallbacks callbacks;
    private final QueueSnapshots snapshots;
    private final Reports reports;
    private final AcdDispatcher dispatcher;
    private final AgentFileWatcher watcher;
    private final ScheduledExecutorService timers;

    private Acd(AcdConfig config, DataSource dataSource, Dialer dialer, Clock clock) throws FlowCompileException {
        Transactions storage = new Transactions(dataSource, "ACD");
        QueueDefinitions definitions = new QueueDefinitions(config.queuesFile());
        this.states = new AgentStates(storage, clock);
        Registrations registrations = new Registrations(storage, clock);
        this.directory = new AgentDirectory(storage, states, registrations, clock,
                () -> definitions.queues().keySet());
        // watched even while missing: an operator who writes agents.yaml later expects it applied
        this.watcher = new AgentFileWatcher(config.agentsFile(), directory, config.fileCheck(), o -> { });
        if (Files.exists(config.agentsFile())) {
            watcher.apply();
        }
        this.phones = new AcdAgentPhones(directory, registrations, config.featureCodes());
        this.queueLog = new QueueLog(storage);
        this.current = new CurrentCalls();
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("acd-timers").unstarted(r));
        KeptPlaces kept = new KeptPlaces(clock);
        CallbackStore callbackStore = new CallbackStore(storage, clock);
        this.callbacks = new AcdCallbacks(callbackStore, new CallbackCall(callbackStore, states, dialer, current,
                config.callbackCallerId(), clock), kept, definitions, config.node(), clock);
        recover(config.node());
        AcdNodes nodes = new AcdNodes(storage, clock, config.node(), config.deadNodeAfter(), this::recover);
        QueueLine line = new QueueLine();
        OfferableAgents offerable = new OfferableAgents(storage, clock);
        WaitEstimator estimator = new WaitEstimator();
        this.dispatcher = new AcdDispatcher(line, offerable, states, config.router(), callbacks,
                config.node(), config.tick(), nodes::tick, queueLog, clock, dialer::numbersCarrier);
        states.onFreed(dispatcher::wake);
        this.reports = new Reports(dataSource, definitions, config.kpis(), clock);
        this.snapshots = new QueueSnapshots(definitions, line, states, directory, callbackStore, reports, estimator,
                offerable, clock);
        AgentConnection connection = new AgentConnection(dialer, states, current, estimator, clock);
        this.queues = new AcdQueues(definitions, dispatcher, line, offerable, connection, estimator,
                kept, queueLog, timers, clock);
    }

    /** Frees the agents and finishes the call backs {@code node} left (this node before a restart, or a silent one). */
    private void recover(String node) {
        List<String> freed = states.recover(node);
        int unfinished = callbacks.recover(node);
        if (!freed.isEmpty() || unfinished > 0) {
            log.info("Recovered what node {} left: agents {} available again, {} call back(s) finished", node, freed,
                    unfinished);
        }
    }

    /**
     * Starts the ACD: reads the queues and agents files (a broken agents file is refused and the agents stored
     * before keep serving; a broken queues file stops the start), frees agents this node left ringing or on a call
     * when it stopped, and starts routing.
     *
     * @throws FlowCompileException when {@code queues.yaml} is missing or broken
     */
    public static Acd start(AcdConfig config, DataSource dataSource, Dialer dialer, Clock clock)
            throws FlowCompileException {
        return new Acd(config, dataSource, dialer, clock);
    }

    /** Queueing for flows ({@code FlowServices.withQueues}). */
    public QueuePort queuePort() {
        return queues;
    }

    /** Call backs for flows ({@code FlowServices.withCallbacks}). */
    public CallbackPort callbackPort() {
        return callbacks;
    }

    /** What the registrar asks about agents' phones. */
    public AgentPhones agentPhones() {
        return phones;
    }

    /** Agents for {@code /api/agents}: list, create, change, delete, set state. */
    public AgentDirectory agentDirectory() {
        return directory;
    }

    /** Each agent's current call at this node ({@code /api/agents/{id}/current}). */
    public CurrentCalls currentCalls() {
        return current;
    }

    /** Queues now ({@code /api/queues}). */
    public QueueSnapshots snapshots() {
        return snapshots;
    }

    /** The queue log ({@code /api/queue-log}). */
    /** The KPI reports over this ACD's queue log, with the definitions of its configuration (docs/kpis.md). */
    public Reports reports() {
        return reports;
    }

    public QueueLog queueLog() {
        return queueLog;
    }

    /** Agents' states (mostly for tests and recovery tools; the API goes through {@link #agentDirectory()}). */
    public AgentStates agentStates() {
        return states;
    }

    @Override
    public void close() {
        watcher.close();
        dispatcher.close();
        timers.shutdownNow();
    }
}
