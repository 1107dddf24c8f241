package io.dinserving.api;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what a request may hold. Past them the answer is a 400 or 413 naming the field.
 *
 * @param maxCandidates most candidates per request (default 1000)
 * @param maxBehaviors most behaviours per request (default 1000; only the model's most recent
 *     {@code max_len} are used)
 * @param maxIdLength longest item id, category or user id (default 128)
 * @param maxBodySize largest request body (default 1MB)
 * @param bodyReadTimeout how long a request body may take to arrive, whatever its pace (default 10s);
 *     later it is a 408. The body is read without holding a thread meanwhile.
 * @param shutdownDrain on shutdown, how long answers carry {@code Connection: close} before the
 *     server stops taking requests (default 2s; 0 turns it off), so kept-alive clients reconnect
 *     elsewhere instead of losing a request to a closing connection
 */
@ConfigurationProperties("din.api")
@Validated
record ApiProperties(
        @Positive Integer maxCandidates,
        @PositiveOrZero Integer maxBehaviors,
        @Positive Integer maxIdLength,
        DataSize maxBodySize,
        Duration bodyReadTimeout,
        Duration shutdownDrain) {

    public ApiProperties {
        maxCandidates = maxCandidates == null ? 1000 : maxCandidates;
        maxBehaviors = maxBehaviors == null ? 1000 : maxBehaviors;
        maxIdLength = maxIdLength == null ? 128 : maxIdLength;
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        bodyReadTimeout = bodyReadTimeout == null ? Duration.ofSeconds(10) : bodyReadTimeout;
        shutdownDrain = shutdownDrain == null ? Duration.ofSeconds(2) : shutdownDrain;
        if (shutdownDrain.isNegative()) {
            throw new IllegalArgumentException("din.api.shutdown-drain must not be negative");
        }
        if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new IllegalArgumentException("din.api.body-read-timeout must be positive");
        }
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("din.api.max-body-size must be positive");
        }
    }
}
