package io.dinserving.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The response cache.
 *
 * @param enabled whether responses are cached (default true)
 * @param maxSize most entries kept (default 10,000)
 * @param ttl how long an entry lives after it is written (default 60 s)
 */
@ConfigurationProperties("din.cache")
public record CacheProperties(Boolean enabled, Long maxSize, Duration ttl) {

    public CacheProperties {
        enabled = enabled == null || enabled;
        maxSize = maxSize == null ? 10_000L : maxSize;
        ttl = ttl == null ? Duration.ofSeconds(60) : ttl;
        if (maxSize < 0 || ttl.isNegative()) {
            throw new IllegalArgumentException("din.cache.max-size and din.cache.ttl must not be negative");
        }
    }
}
