package io.switchboard.admin;

import io.switchboard.ivr.media.RtpSourcePolicy;
import io.switchboard.ivr.sip.OutboundRoute;
import io.switchboard.ivr.sip.RegistrarConfig;
import io.switchboard.ivr.sip.SipLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Everything under {@code switchboard.*}, with loopback defaults so a fresh checkout runs safely on one machine.
 * Each can be set as a Spring property ({@code --switchboard.sip.port=5070}) or an environment variable
 * ({@code SWITCHBOARD_SIP_PORT=5070}). The database password is not here: it is read only from the environment
 * variable {@value #DB_PASSWORD_VARIABLE}.
 *
 * @param node      the name this call-control node stores with its calls; default: the host name
 * @param calendars calendar name → {@code open-now} or {@code closed-now}: a manual switch thrown at start-up
 *                  ({@code switchboard.calendars.support=closed-now}), winning over the calendar's hours
 */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
        @DefaultValue Db db,
        @DefaultValue Sip sip,
        @DefaultValue Rtp rtp,
        @DefaultValue Prompts prompts,
        @DefaultValue Flows flows,
        String node,
        @DefaultValue Recordings recordings,
        Map<String, String> calendars,
        @DefaultValue Acd acd,
        @DefaultValue Outbound outbound,
        @DefaultValue Routing routing,
        @DefaultValue Pages pages) {

    /** The environment variable holding the database password. */
    public static final String DB_PASSWORD_VARIABLE = "SWITCHBOARD_DB_PASSWORD";

    public SwitchboardProperties {
        if (node == null || node.isBlank()) {
            node = hostName();
        }
        calendars = calendars == null ? Map.of() : Map.copyOf(calendars);
    }

    /**
     * @param url         JDBC URL of PostgreSQL ({@code switchboard.db.url}); empty starts an embedded one
     * @param user        database user for {@code url} ({@code switchboard.db.user})
     * @param embeddedDir where the embedded PostgreSQL keeps its data ({@code switchboard.db.embedded-dir})
     * @param spoolDir    where call writes wait on disk while the database is unreachable
     *                    ({@code switchboard.db.spool-dir}); one per server
     * @param spoolMaxMb  how large the spool may grow, in MiB, before path entries are dropped (call starts,
     *                    answers, ends, recordings and survey answers are always kept) ({@code switchboard.db.spool-max-mb})
     */
    public record Db(@DefaultValue("") String url, @DefaultValue("switchboard") String user,
            @DefaultValue("data/pg") Path embeddedDir, @DefaultValue("data/spool") Path spoolDir,
            @DefaultValue("1024") long spoolMaxMb) {

        public Db {
            url = url == null ? "" : url.strip();
            if (spoolMaxMb < 1) {
                throw new IllegalArgumentException("switchboard.db.spool-max-mb must be 1 or more, got " + spoolMaxMb);
            }
        }

        /** Whether Switchboard runs its own PostgreSQL. */
        public boolean embedded() {
            return url.isEmpty();
        }
    }

    /**
     * @param bind             address the SIP and RTP sockets bind to ({@code switchboard.sip.bind})
     * @param port             SIP UDP port ({@code switchboard.sip.port})
     * @param maxCalls         calls at once; 0 = as many as the RTP port range holds ({@code switchboard.sip.max-calls});
     *                         beyond it an INVITE gets 503 with Retry-After and health says OUT_OF_SERVICE
     * @param ackTimeout       a 200 OK with no ACK this long releases its call (timer H,
     *                         {@code switchboard.sip.ack-timeout}, default 32s)
     * @param invitesPerSecond new INVITEs one source address may send per second ({@code switchboard.sip.invites-per-second})
     * @param inviteBurst      new INVITEs one source may send at once ({@code switchboard.sip.invite-burst})
     * @param trackedSources   source addresses the INVITE limit remembers ({@code switchboard.sip.tracked-sources})
     * @param retryAfter       the Retry-After of a 503 ({@code switchboard.sip.retry-after})
     * @param realm            the digest realm agents' phones register in ({@code switchboard.sip.realm})
     * @param minExpires       shorter registrations get 423 ({@code switchboard.sip.min-expires}, default 60s)
     * @param maxExpires       longer ones are shortened to this ({@code switchboard.sip.max-expires}, default 1h)
     * @param contactsPerAgent phones one agent may register at once; another replaces the oldest
     *                         ({@code switchboard.sip.contacts-per-agent})
     * @param registrations    registrations in all; beyond it a REGISTER gets 503 ({@code switchboard.sip.registrations})
     * @param nonceLifetime    how long a digest nonce is good ({@code switchboard.sip.nonce-lifetime}, default 5m)
     * @param nonces           digest nonces remembered at once ({@code switchboard.sip.nonces})
     */
    public record Sip(@DefaultValue("127.0.0.1") String bind, @DefaultValue("5060") int port,
            @DefaultValue("0") int maxCalls, @DefaultValue("32s") Duration ackTimeout,
            @DefaultValue("20") double invitesPerSecond, @DefaultValue("50") int inviteBurst,
            @DefaultValue("10000") int trackedSources, @DefaultValue("5s") Duration retryAfter,
            @DefaultValue("switchboard") String realm, @DefaultValue("60s") Duration minExpires,
            @DefaultValue("1h") Duration maxExpires, @DefaultValue("5") int contactsPerAgent,
            @DefaultValue("10000") int registrations, @DefaultValue("5m") Duration nonceLifetime,
            @DefaultValue("10000") int nonces) {

        public Sip {
            requirePort("switchboard.sip.port", port);
        }

        /** These limits as the endpoint takes them (checked there, with messages naming the value). */
        public SipLimits limits() {
            return new SipLimits(maxCalls, ackTimeout, invitesPerSecond, inviteBurst, trackedSources, retryAfter);
        }

        /** The registrar's realm and bounds as the endpoint takes them (checked there). */
        public RegistrarConfig registrar() {
            return new RegistrarConfig(realm, minExpires, maxExpires, contactsPerAgent, registrations, nonceLifetime,
                    nonces);
        }
    }

    /**
     * @param uri where outbound calls to numbers go (call backs): a SIP URI holding {@code {number}}
     *            ({@code switchboard.outbound.uri}, default {@code sip:{number}@127.0.0.1:5090})
     */
    public record Outbound(@DefaultValue("sip:{number}@127.0.0.1:5090") String uri) {

        /** The route as the endpoint takes it (checked there). */
        public OutboundRoute route() {
            return new OutboundRoute(uri);
        }
    }

    /**
     * @param portMin lowest RTP port ({@code switchboard.rtp.port-min})
     * @param portMax highest RTP port ({@code switchboard.rtp.port-max})
     * @param mediaTimeout a call whose RTP stops this long is hung up ({@code switchboard.rtp.media-timeout})
     * @param source       which datagrams count as the caller's RTP ({@code switchboard.rtp.source}): {@code strict}
     *                     (default: only the address and port of the caller's SDP) or {@code latch} (the first port on
     *                     the SDP's IP address that sends valid RTP, for callers behind NAT)
     */
    public record Rtp(@DefaultValue("20000") int portMin, @DefaultValue("29999") int portMax,
            @DefaultValue("30s") Duration mediaTimeout, @DefaultValue("strict") RtpSourcePolicy source) {

        public Rtp {
            requirePort("switchboard.rtp.port-min", portMin);
            requirePort("switchboard.rtp.port-max", portMax);
            if (portMin > portMax) {
                throw new IllegalArgumentException("switchboard.rtp.port-min (" + portMin
                        + ") must not be above switchboard.rtp.port-max (" + portMax + ")");
            }
        }
    }

    /** @param dir prompt directory, {@code <dir>/<language>/<name>.wav} ({@code switchboard.prompts.dir}) */
    public record Prompts(@DefaultValue("prompts") Path dir) {}

    /**
     * @param dir         directory of flow files ({@code switchboard.flows.dir})
     * @param defaultFlow the flow that answers numbers no flow claims ({@code switchboard.flows.default}); empty:
     *                    unknown numbers are refused
     * @param numbers     dialed number → flow id ({@code switchboard.flows.numbers.100=hotline}); default: 100 →
     *                    hotline
     * @param watch       publish flow files as they change on disk ({@code switchboard.flows.watch}, default true)
     */
    public record Flows(@DefaultValue("flows") Path dir, @Name("default") @DefaultValue("hotline") String defaultFlow,
            Map<String, String> numbers, @DefaultValue("true") boolean watch) {

        public Flows {
            defaultFlow = defaultFlow == null ? "" : defaultFlow.strip();
            numbers = numbers == null || numbers.isEmpty() ? Map.of("100", "hotline") : Map.copyOf(numbers);
        }
    }

    /**
     * @param dir where recordings of callers (voicemail, survey comments) are written as WAV files
     *            ({@code switchboard.recordings.dir})
     */
    public record Recordings(@DefaultValue("data/recordings") Path dir) {}

    /**
     * The ACD: queues, agents and their phones.
     *
     * @param queues the queue definitions ({@code switchboard.acd.queues}, default {@code queues.yaml}); required
     * @param agents the agents file ({@code switchboard.acd.agents}, default {@code agents.yaml}); when missing,
     *               agents come from the API only
     * @param callbackCallerId the number a customer called back sees ({@code switchboard.acd.callback-caller-id})
     */
    public record Acd(@DefaultValue("queues.yaml") Path queues, @DefaultValue("agents.yaml") Path agents,
            @DefaultValue("") String callbackCallerId) {}

    /**
     * The routing rules: the ACD routes by the {@code *.drl} files of {@code dir} when it exists, else by longest
     * idle.
     *
     * @param dir   the rules directory ({@code switchboard.routing.dir}, default {@code routing})
     * @param check how often it is checked for changed files ({@code switchboard.routing.check}, default 2s; 0s:
     *              never, only publications through the API reload)
     */
    public record Routing(@DefaultValue("routing") Path dir, @DefaultValue("2s") java.time.Duration check) {}

    /**
     * The pages' live feed (server-sent events).
     *
     * @param liveCheck               how often watched snapshots are looked at for a change
     *                                ({@code switchboard.pages.live-check}, default 500ms)
     * @param heartbeat               quiet this long sends a heartbeat ({@code switchboard.pages.heartbeat}, 15s)
     * @param liveConnectionsPerUser  live connections one user may hold ({@code switchboard.pages.live-connections-per-user}, 5)
     * @param liveConnections         live connections in all ({@code switchboard.pages.live-connections}, 200)
     * @param liveLifetime            a live connection ends after this and the page reconnects
     *                                ({@code switchboard.pages.live-lifetime}, 30m)
     */
    public record Pages(@DefaultValue("500ms") Duration liveCheck, @DefaultValue("15s") Duration heartbeat,
            @DefaultValue("5") int liveConnectionsPerUser, @DefaultValue("200") int liveConnections,
            @DefaultValue("30m") Duration liveLifetime) {

        public Pages {
            if (liveCheck.isNegative() || liveCheck.isZero() || heartbeat.isNegative() || heartbeat.isZero()) {
                throw new IllegalArgumentException("switchboard.pages.live-check and .heartbeat must be positive");
            }
            if (liveConnectionsPerUser < 1 || liveConnections < 1) {
                throw new IllegalArgumentException("switchboard.pages.live-connections(-per-user) must be 1 or more");
            }
        }
    }

    private static void requirePort(String property, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(property + " must be a port from 1 to 65535, got " + port);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "switchboard";
        }
    }
}
