package io.switchboard.admin.asterisk;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code switchboard.asterisk.*}: Switchboard driving an Asterisk (docs/asterisk.md). Off unless
 * {@code switchboard.asterisk.enabled=true}; the built-in SIP endpoint runs either way.
 *
 * @param enabled       start the FastAGI service ({@code switchboard.asterisk.enabled}, default false)
 * @param agi           the FastAGI service
 * @param soundsDir     Asterisk's sounds directory as this server sees it (a mount); when set, start-up checks that
 *                      the published flows' prompts exist there in each of their languages
 *                      ({@code switchboard.asterisk.sounds-dir}; empty: no check)
 * @param recordingsDir where Asterisk writes recordings ({@code RECORD FILE}), a path on the Asterisk host
 *                      ({@code switchboard.asterisk.recordings-dir})
 * @param agentDevice   an agent's phone on Asterisk, {@code {agent}} standing for the agent id
 *                      ({@code switchboard.asterisk.agent-device}, default {@code PJSIP/{agent}}); used with AMI only
 * @param outboundRoute where call backs dial customers, {@code {number}} standing for the number (for example
 *                      {@code PJSIP/{number}@trunk}; {@code switchboard.asterisk.outbound-route}); empty: call backs
 *                      are dialled by the built-in endpoint's outbound route
 * @param musicClass    the music-on-hold class queue callers and answered agents hear
 *                      ({@code switchboard.asterisk.music-class}, default {@code default})
 * @param deviceRefresh how often every agent's device state is asked again ({@code …device-refresh}, default 30s)
 */
@ConfigurationProperties("switchboard.asterisk")
public record AsteriskProperties(@DefaultValue("false") boolean enabled, @DefaultValue Agi agi, @DefaultValue Ami ami,
        Path soundsDir, @DefaultValue("/var/spool/asterisk/switchboard") String recordingsDir,
        @DefaultValue("PJSIP/{agent}") String agentDevice, @DefaultValue("") String outboundRoute,
        @DefaultValue("default") String musicClass, @DefaultValue("30s") Duration deviceRefresh) {

    /** The environment variable the AMI secret is read from (never a property, never logged). */
    public static final String AMI_SECRET_VARIABLE = "SWITCHBOARD_ASTERISK_AMI_SECRET";

    /**
     * @param host         Asterisk's manager interface host ({@code switchboard.asterisk.ami.host}); empty: no AMI link
     * @param port         its port ({@code switchboard.asterisk.ami.port}, default 5038)
     * @param user         the manager.conf user ({@code switchboard.asterisk.ami.user})
     * @param firstBackoff the first wait before trying to log in again ({@code …ami.first-backoff}, doubling)
     * @param maxBackoff   the longest wait between tries ({@code switchboard.asterisk.ami.max-backoff})
     */
    public record Ami(@DefaultValue("") String host, @DefaultValue("5038") int port,
            @DefaultValue("switchboard") String user, @DefaultValue("1s") Duration firstBackoff,
            @DefaultValue("30s") Duration maxBackoff) {}

    /**
     * @param bind          the address FastAGI listens on ({@code switchboard.asterisk.agi.bind}, loopback by default)
     * @param port          its TCP port ({@code switchboard.asterisk.agi.port}, default 4573)
     * @param maxSessions   sessions at once; more are refused ({@code switchboard.asterisk.agi.max-sessions})
     * @param maxLineLength the longest line a session may send, in bytes ({@code …agi.max-line-length})
     * @param readTimeout   the longest wait for Asterisk's answer to one command ({@code …agi.read-timeout})
     */
    public record Agi(@DefaultValue("127.0.0.1") String bind, @DefaultValue("4573") int port,
            @DefaultValue("10000") int maxSessions, @DefaultValue("8192") int maxLineLength,
            @DefaultValue("1h") Duration readTimeout) {}
}
