package io.switchboard.admin.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Logins ({@code switchboard.security.*}). The first admin's password is not here: it comes only from the
 * environment variable {@value #ADMIN_PASSWORD_VARIABLE}.
 *
 * @param adminPasswordFile     where the first start writes a generated admin password when
 *                              {@value #ADMIN_PASSWORD_VARIABLE} is not set (owner-only, 0600)
 * @param loginFailuresAllowed  failed logins from one address before it is made to wait
 * @param loginBlock            the first wait; each further failure doubles it
 * @param loginBlockMax         the longest wait; an address that fails no more for this long starts afresh
 * @param trackedAddresses      how many addresses' failures are remembered (the least recent are forgotten)
 */
@ConfigurationProperties("switchboard.security")
public record SecuritySettings(
        @DefaultValue("data/admin-password") Path adminPasswordFile,
        @DefaultValue("5") int loginFailuresAllowed,
        @DefaultValue("1s") Duration loginBlock,
        @DefaultValue("15m") Duration loginBlockMax,
        @DefaultValue("10000") int trackedAddresses) {

    /** The environment variable holding the first admin's password. */
    public static final String ADMIN_PASSWORD_VARIABLE = "SWITCHBOARD_ADMIN_PASSWORD";

    public SecuritySettings {
        if (loginFailuresAllowed < 1 || trackedAddresses < 1) {
            throw new IllegalArgumentException("switchboard.security.login-failures-allowed and tracked-addresses"
                    + " must be at least 1");
        }
        if (loginBlock.isNegative() || loginBlock.isZero() || loginBlockMax.compareTo(loginBlock) < 0) {
            throw new IllegalArgumentException("switchboard.security.login-block must be positive and at most"
                    + " login-block-max");
        }
    }
}
