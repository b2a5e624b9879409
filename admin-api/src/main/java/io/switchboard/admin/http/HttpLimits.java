package io.switchboard.admin.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much the HTTP API takes in at once ({@code switchboard.http.*}): bounded bodies keep one upload from taking the
 * heap (and, with it, the media clock) away from calls.
 *
 * @param maxBodySize        the largest request body accepted, counted as it streams
 *                           ({@code switchboard.http.max-body-size}, default 1MB); larger ones get 413
 * @param maxConcurrentBodies how many requests with a body are read at once
 *                           ({@code switchboard.http.max-concurrent-bodies}, default 4); more get 503 with
 *                           Retry-After
 */
@ConfigurationProperties("switchboard.http")
public record HttpLimits(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("4") int maxConcurrentBodies) {

    public HttpLimits {
        if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("switchboard.http.max-body-size must be from 1B to 2GB, got "
                    + maxBodySize);
        }
        if (maxConcurrentBodies < 1) {
            throw new IllegalArgumentException("switchboard.http.max-concurrent-bodies must be at least 1, got "
                    + maxConcurrentBodies);
        }
    }
}
