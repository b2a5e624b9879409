package io.switchboard.ivr.sip;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a request the way JAIN-SIP's UDP channel will (its own parser, failing on the same headers) and says why the
 * stack would drop it without a response: a required header it cannot read (From, To, Call-ID, CSeq, Via,
 * Content-Length, the request line), or one it needs for a transaction that it had to discard (Max-Forwards, an
 * INVITE's Contact). {@link SipDatagramCheck} then answers 400 itself.
 */
final class StackParseCheck {

    /** The headers whose parse errors make JAIN-SIP's UDP channel drop the whole message, as a 400 names them. */
    private static final Map<Class<?>, String> FATAL = Map.of(From.class, "From header", To.class, "To header",
            CSeq.class, "CSeq header", Via.class, "Via header", CallID.class, "Call-ID header", ContentLength.class,
            "Content-Length header", RequestLine.class, "request line", StatusLine.class, "status line");

    private static final ParseExceptionListener LIKE_THE_UDP_CHANNEL = (e, message, headerClass, line, text) -> {
        if (FATAL.containsKey(headerClass)) {
            throw new ParseException(FATAL.get(headerClass), e.getErrorOffset());
        }
    };

    private StackParseCheck() {}

    /** Why the stack would drop this request unanswered, as a 400 reason phrase; null when it would take it. */
    static String problem(byte[] buf, int offset, int length, String method) {
        SIPMessage message;
        try {
            message = new StringMsgParser().parseSIPMessage(Arrays.copyOfRange(buf, offset, offset + length), true,
                    false, LIKE_THE_UDP_CHANNEL);
        } catch (ParseException e) {
            return FATAL.containsValue(e.getMessage()) ? "Unreadable " + e.getMessage() : "Unreadable request";
        } catch (RuntimeException e) {
            return "Unreadable request";
        }
        if (!(message instanceof SIPRequest request)) {
            return "Unreadable request";
        }
        if (request.getFrom() == null || request.getTo() == null || request.getCallId() == null
                || request.getCSeq() == null || request.getViaHeaders() == null) {
            return "Unreadable From, To, Call-ID, CSeq or Via header";
        }
        if (request.getMaxForwards() == null) {
            return "Unreadable Max-Forwards header";
        }
        if ("INVITE".equals(method) && request.getContactHeader() == null) {
            return "Unreadable Contact header";
        }
        return null;
    }
}
