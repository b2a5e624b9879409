package io.switchboard.ivr.call;

/**
 * What carries a call leg: the built-in SIP endpoint or an Asterisk. Two legs can be bridged only when the same
 * carrier holds both, so the ACD offers a caller only agents whose phones that carrier reaches.
 */
public enum Carrier {
    /** The built-in SIP/RTP endpoint; its agents' contacts are SIP URIs. */
    SIP,
    /** Asterisk, driven over FastAGI and AMI; its agents' contacts are Asterisk devices such as {@code PJSIP/1001}. */
    ASTERISK;

    /** The carrier that reaches a registered contact: a {@code sip:}/{@code sips:} URI, or else an Asterisk device. */
    public static Carrier ofContact(String contact) {
        if (contact == null) {
            return SIP;
        }
        String lower = contact.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("sip:") || lower.startsWith("sips:") ? SIP : ASTERISK;
    }
}
