package io.switchboard.ivr.asterisk;

/**
 * What every FastAGI call leg shares: where Asterisk writes recordings, the music-on-hold class a waiting caller
 * hears, and the AMI's view of channels and bridges (to see a bridge form).
 *
 * @param recordingsDir where {@code RECORD FILE} writes, as a path on the Asterisk host
 * @param musicClass    Asterisk's music-on-hold class for queue hold audio ({@code SET MUSIC ON}); null plays the
 *                      queue's hold prompts with {@code STREAM FILE} instead
 * @param channels      channels and bridges as AMI tells them
 */
public record AgiLegSettings(String recordingsDir, String musicClass, AsteriskChannels channels) {

    /** Recordings only: hold audio as prompts, and no AMI. */
    public static AgiLegSettings plain(String recordingsDir) {
        return new AgiLegSettings(recordingsDir, null, new AsteriskChannels());
    }
}
