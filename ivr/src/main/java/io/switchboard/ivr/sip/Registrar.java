package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.AgentPhones;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar for agents' phones (RFC 3261 10): a REGISTER to {@code sip:<agent>@…} is challenged (401), and once
 * the phone proves it is that agent its contacts are bound until they expire: Expires (per contact or for the
 * request) below the minimum gets 423 with Min-Expires, above the maximum is shortened, 0 unbinds, {@code Contact: *}
 * with Expires 0 unbinds all, no Contact lists the bindings. Every change is told to {@link AgentPhones} before the
 * 200 OK, on the SIP thread, so a 200 means the ACD knows. A sweep once a second tells it of lapsed registrations.
 */
final class Registrar implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);
    private static final java.util.regex.Pattern AGENT = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final RegistrarConfig config;
    private final AgentPhones phones;
    private final DigestGate gate;
    private final HeaderFactory headers;
    private final SipMessages messages;
    private final Clock clock;
    private final AgentBindings bindings;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sip-registrations").daemon(true).factory());

    /** A request the registrar answers with an error instead of binding. */
    private static final class Refusal extends Exception {
        final int status;

        Refusal(int status, String why) {
            super(why, null, false, false);
            this.status = status;
        }
    }

    Registrar(RegistrarConfig config, AgentPhones phones, DigestGate gate, HeaderFactory headers,
            SipMessages messages, Clock clock) {
        this.config = config;
        this.phones = phones;
        this.gate = gate;
        this.headers = headers;
        this.messages = messages;
        this.clock = clock;
        this.bindings = new AgentBindings(config.contactsPerAgent(), config.registrations());
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /** The response to a REGISTER: never null, never throws for anything the phone sent. */
    Response register(Request request) throws ParseException {
        try {
            String agent = agent(request);
            List<Change> changes = changes(request); // a malformed request gets 400 before any challenge
            switch (gate.check(request)) {
                case DigestGate.Verdict.Challenge c -> {
                    return gate.challenge(messages.response(Response.UNAUTHORIZED, request), c.stale());
                }
                case DigestGate.Verdict.Authenticated a when !a.user().equals(agent) ->
                    throw new Refusal(Response.FORBIDDEN, "Credentials are not those of the To user");
                case DigestGate.Verdict.Authenticated a -> {
                    // the phone is the agent it registers
                }
            }
            apply(agent, changes);
            return ok(request, agent);
        } catch (Refusal r) {
            Response response = messages.response(r.status, request);
            response.setReasonPhrase(r.getMessage());
            if (r.status == Response.INTERVAL_TOO_BRIEF) {
                response.setHeader(minExpires());
            } else if (r.status == Response.SERVICE_UNAVAILABLE) {
                return messages.serviceUnavailable(request, java.time.Duration.ofSeconds(60));
            }
            return response;
        }
    }

    /** One contact to bind ({@code seconds} > 0) or unbind (0); {@code contact} null for {@code *}. */
    private record Change(String contact, int seconds) {}

    private static String agent(Request request) throws Refusal {
        if (request.getHeader(ToHeader.NAME) instanceof ToHeader to && to.getAddress().getURI() instanceof SipURI uri
                && uri.getUser() != null && AGENT.matcher(uri.getUser()).matches()) {
            return uri.getUser();
        }
        throw new Refusal(Response.BAD_REQUEST, "To must name the agent (sip:<agent id>@<host>)");
    }

    private List<Change> changes(Request request) throws Refusal {
        List<ContactHeader> contacts = new ArrayList<>();
        request.getHeaders(ContactHeader.NAME).forEachRemaining(h -> contacts.add((ContactHeader) h));
        if (contacts.size() > config.contactsPerAgent()) {
            throw new Refusal(Response.BAD_REQUEST, "Too many Contacts (at most " + config.contactsPerAgent() + ")");
        }
        int requestExpires = request.getExpires() instanceof ExpiresHeader e ? e.getExpires() : -1;
        List<Change> changes = new ArrayList<>();
        for (ContactHeader c : contacts) {
            if (c.isWildCard() || "*".equals(c.getAddress().toString().strip())) {
                if (contacts.size() != 1 || requestExpires != 0) {
                    throw new Refusal(Response.BAD_REQUEST, "Contact * needs Expires: 0 and no other Contact");
                }
                changes.add(new Change(null, 0));
                continue;
            }
            if (!(c.getAddress().getURI() instanceof SipURI uri) || uri.getHost() == null) {
                throw new Refusal(Response.BAD_REQUEST, "Contact must be a SIP URI");
            }
            int seconds = c.getExpires() >= 0 ? c.getExpires()
                    : requestExpires >= 0 ? requestExpires : (int) config.maxExpires().toSeconds();
            if (seconds > 0 && seconds < config.minExpires().toSeconds()) {
                throw new Refusal(Response.INTERVAL_TOO_BRIEF, "Interval Too Brief");
            }
            changes.add(new Change(uri.toString(), (int) Math.min(seconds, config.maxExpires().toSeconds())));
        }
        return changes;
    }

    private void apply(String agent, List<Change> changes) throws Refusal {
        Instant now = clock.instant();
        for (Change change : changes) {
            if (change.contact() == null) {
                bindings.unbindAll(agent).forEach(b -> phones.unregistered(b.agentId(), b.contact()));
            } else if (change.seconds() == 0) {
                bindings.unbind(agent, change.contact()).ifPresent(b -> phones.unregistered(agent, b.contact()));
            } else {
                Instant expires = now.plusSeconds(change.seconds());
                switch (bindings.bind(agent, change.contact(), expires)) {
                    case AgentBindings.Bound.Full f -> {
                        log.warn("REGISTER of agent {} refused: {} registrations held", agent, bindings.size());
                        throw new Refusal(Response.SERVICE_UNAVAILABLE, "Registrations full");
                    }
                    case AgentBindings.Bound.Done d -> {
                        d.replaced().ifPresent(old -> phones.unregistered(agent, old.contact()));
                        phones.registered(agent, change.contact(), expires);
                    }
                }
            }
        }
    }

    private Response ok(Request request, String agent) throws ParseException {
        Response ok = messages.response(Response.OK, request);
        Instant now = clock.instant();
        for (AgentBindings.Binding b : bindings.of(agent)) {
            ContactHeader contact = messages.contact(b.contact());
            try {
                contact.setExpires((int) Math.max(0, b.expires().getEpochSecond() - now.getEpochSecond()));
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException(e);
            }
            ok.addHeader(contact);
        }
        return ok;
    }

    private MinExpiresHeader minExpires() {
        try {
            return headers.createMinExpiresHeader((int) config.minExpires().toSeconds());
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agent's registered contacts now. */
    List<String> contacts(String agent) {
        return bindings.of(agent).stream().map(AgentBindings.Binding::contact).toList();
    }

    Optional<String> anyContact(String agent) {
        return contacts(agent).stream().findFirst();
    }

    int size() {
        return bindings.size();
    }

    private void sweep() {
        try {
            for (AgentBindings.Binding b : bindings.lapse(clock.instant())) {
                log.info("agent {}: registration of {} lapsed", b.agentId(), b.contact());
                phones.unregistered(b.agentId(), b.contact());
            }
        } catch (RuntimeException e) {
            log.warn("sweeping lapsed registrations failed", e);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
