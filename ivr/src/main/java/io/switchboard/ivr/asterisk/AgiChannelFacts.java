package io.switchboard.ivr.asterisk;

import java.util.Objects;
import java.util.regex.Pattern;
import org.asteriskjava.fastagi.AgiRequest;

/**
 * What the AGI environment block says about the caller's channel, cleaned: Asterisk's {@code unknown} becomes empty,
 * a language that is not a plain language code becomes {@code en}, and every value is cut to 128 characters.
 *
 * @param channel   the channel's name ({@code agi_channel}, for example {@code SIP/alice-00000001})
 * @param uniqueId  the channel's unique id ({@code agi_uniqueid}), how AMI events name it
 * @param language  the channel's language ({@code agi_language})
 * @param callerId  the caller's number ({@code agi_callerid}); empty when withheld
 * @param dnid      the number the caller dialled ({@code agi_dnid}); empty when unknown
 * @param extension the dialplan extension that ran {@code AGI()} ({@code agi_extension})
 * @param target    what the AGI URL names after the port: a flow id or a dialled number; empty when nothing
 */
public record AgiChannelFacts(String channel, String uniqueId, String language, String callerId, String dnid,
        String extension, String target) {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}([_-][A-Za-z0-9]{2,8})?");
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9_.+*#-]{1,64}");
    private static final int MAX = 128;

    public AgiChannelFacts {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(dnid, "dnid");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(target, "target");
    }

    /** The facts of {@code request}. */
    public static AgiChannelFacts of(AgiRequest request) {
        String language = clean(request.getLanguage());
        String script = clean(request.getScript());
        if (script.startsWith("/")) {
            script = script.substring(1);
        }
        return new AgiChannelFacts(clean(request.getChannel()), clean(request.getUniqueId()),
                isLanguage(language) ? language : "en", clean(request.getCallerIdNumber()), clean(request.getDnid()),
                clean(request.getExtension()), TARGET.matcher(script).matches() ? script : "");
    }

    /** Whether {@code language} is a language code Asterisk can take as a sounds folder name. */
    public static boolean isLanguage(String language) {
        return language != null && LANGUAGE.matcher(language).matches();
    }

    /** The number the caller dialled: the target when it is a number, else the extension, else the DNID. */
    public String dialed() {
        if (!target.isEmpty() && target.chars().allMatch(c -> Character.isDigit(c) || c == '+' || c == '*'
                || c == '#')) {
            return target;
        }
        return !extension.isEmpty() ? extension : dnid;
    }

    private static String clean(String value) {
        if (value == null || value.equals("unknown")) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX));
        for (int i = 0; i < value.length() && out.length() < MAX; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }
}
