package io.dinserving.cache;

import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The response cache.
 *
 * @param enabled whether responses are cached (default true)
 * @param maxSize most entries kept (default 10,000)
 * @param ttl how long an entry lives after it is written (default 60 s)
 */
@ConfigurationProperties("din.cache")
@Validated
record CacheProperties(Boolean enabled, @PositiveOrZero Long maxSize, Duration ttl) {

    public CacheProperties {
        enabled = enabled == null || enabled;
        maxSize = maxSize == null ? 10_000L : maxSize;
        ttl = ttl == null ? Duration.ofSeconds(60) : ttl;
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("din.cache.ttl must not be negative");
        }
    }
}
