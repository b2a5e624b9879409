package io.switchboard.ivr.sip;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.AgentPhones;
import io.switchboard.ivr.call.CallHandler;
import io.switchboard.ivr.call.CallLeg;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Feature codes dialled from agents' phones ({@code *51}, {@code #9}: a {@code *} or {@code #} and up to 15 more
 * digits, {@code *} or {@code #}): such numbers are feature codes whenever agents exist, even where a default flow
 * would answer any number (a caller dialling {@code *51} is challenged, not sent to the IVR). The INVITE is
 * challenged (407) like a proxy would; an agent who proves who they are and whose phone is registered gets the call answered, hears what
 * the ACD says ({@link AgentPhones#featureCode}) and is hung up on; a code the ACD does not know gets 404, an agent
 * with no registration 403.
 */
final class FeatureCodes {

    private static final Pattern CODE = Pattern.compile("[*#][0-9*#]{1,15}");

    /** What to do with an INVITE. */
    sealed interface Decision {
        /** Not a feature code: the hotline's own answer (404). */
        record NotOne() implements Decision {}

        /** Send this response and stop (a challenge, 403 or 404). */
        record Refuse(Response response) implements Decision {}

        /** Answer with this handler: it plays the ACD's prompts and hangs up. */
        record Announce(CallHandler handler) implements Decision {}
    }

    private final AgentPhones phones;
    private final DigestGate gate;
    private final Registrar registrar;
    private final SipMessages messages;

    FeatureCodes(AgentPhones phones, DigestGate gate, Registrar registrar, SipMessages messages) {
        this.phones = phones;
        this.gate = gate;
        this.registrar = registrar;
        this.messages = messages;
    }

    /** Whether {@code dialed} is a feature code's number on this endpoint (agents exist and it has the form). */
    boolean covers(String dialed) {
        return phones != AgentPhones.NONE && CODE.matcher(dialed).matches();
    }

    Decision decide(Request invite, String dialed) throws ParseException {
        if (phones == AgentPhones.NONE || !CODE.matcher(dialed).matches()) {
            return new Decision.NotOne();
        }
        return switch (gate.check(invite)) {
            case DigestGate.Verdict.Challenge c -> new Decision.Refuse(
                    gate.challenge(messages.response(Response.PROXY_AUTHENTICATION_REQUIRED, invite), c.stale()));
            case DigestGate.Verdict.Authenticated a when registrar.contacts(a.user()).isEmpty() ->
                refuse(invite, Response.FORBIDDEN, "Register the phone first");
            case DigestGate.Verdict.Authenticated a -> {
                Optional<List<PromptRef>> prompts = phones.featureCode(a.user(), dialed);
                yield prompts.isEmpty() ? refuse(invite, Response.NOT_FOUND, "No such feature code")
                        : new Decision.Announce(announce(prompts.get()));
            }
        };
    }

    private Decision refuse(Request invite, int status, String why) throws ParseException {
        Response r = messages.response(status, invite);
        r.setReasonPhrase(why);
        return new Decision.Refuse(r);
    }

    private static CallHandler announce(List<PromptRef> prompts) {
        return new CallHandler() {
            @Override
            public boolean accepts(String dialed) {
                return true;
            }

            @Override
            public void handle(CallLeg call) {
                if (call.answer()) {
                    call.play(prompts, false);
                }
                call.hangup();
            }
        };
    }
}
