package io.switchboard.ivr.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Builds the responses the endpoint sends, with our Contact, User-Agent and Allow headers. */
final class SipMessages {

    static final String USER_AGENT = "Switchboard";
    private static final List<String> ALLOW = List.of("INVITE", "ACK", "BYE", "CANCEL", "INFO", "OPTIONS", "REGISTER");

    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final SipEndpointConfig config;

    SipMessages(SipFactory factory, SipEndpointConfig config) throws PeerUnavailableException {
        this.messages = factory.createMessageFactory();
        this.headers = factory.createHeaderFactory();
        this.addresses = factory.createAddressFactory();
        this.config = config;
    }

    Response response(int status, Request request) throws ParseException {
        Response response = messages.createResponse(status, request);
        response.setHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
        if (status == Response.OK || status == Response.METHOD_NOT_ALLOWED || status / 100 == 1) {
            for (String method : ALLOW) {
                response.addHeader(headers.createAllowHeader(method));
            }
        }
        if (status / 100 == 2 && Request.INVITE.equals(request.getMethod()) || status == Response.RINGING) {
            var contact = addresses.createAddress("sip:switchboard@" + config.bindAddress() + ":" + config.port());
            response.setHeader(headers.createContactHeader(contact));
        }
        return response;
    }

    /** A Contact header for {@code uri}. */
    javax.sip.header.ContactHeader contact(String uri) throws ParseException {
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    HeaderFactory headers() {
        return headers;
    }

    AddressFactory addresses() {
        return addresses;
    }

    MessageFactory messages() {
        return messages;
    }

    Response withToTag(Response response, String tag) throws ParseException {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(tag);
        }
        return response;
    }

    Response withSdp(Response response, String sdp) throws ParseException {
        response.setContent(sdp.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("application", "sdp"));
        return response;
    }

    /** 503 with Retry-After: the caller may try again then. */
    Response serviceUnavailable(Request request, java.time.Duration retryAfter) throws ParseException {
        Response response = response(Response.SERVICE_UNAVAILABLE, request);
        try {
            response.setHeader(headers.createRetryAfterHeader((int) retryAfter.toSeconds()));
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException("Retry-After " + retryAfter, e);
        }
        return response;
    }

    /** 488 with a Warning saying why (code 305: incompatible media format). */
    Response notAcceptable(Request request, String why) throws ParseException {
        Response response = response(Response.NOT_ACCEPTABLE_HERE, request);
        try {
            String text = why.replace('"', '\'');
            response.setHeader(headers.createWarningHeader(config.bindAddress(), 305,
                    text.length() > 200 ? text.substring(0, 200) : text));
        } catch (InvalidArgumentException e) {
            // the warning is a courtesy; the status says enough
        }
        return response;
    }
}
