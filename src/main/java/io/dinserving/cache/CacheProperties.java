package io.dinserving.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The response cache, bounded in bytes: an entry of 1,000 long candidate ids weighs a thousand times
 * one of a single short id, so a bound in entries is no bound on memory.
 *
 * @param enabled whether responses are cached (default true)
 * @param maxBytes the most the entries may weigh, keys and rankings together (default: a tenth of
 *     the heap)
 * @param ttl how long an entry lives after it is written (default 60 s)
 */
@ConfigurationProperties("din.cache")
@Validated
record CacheProperties(Boolean enabled, DataSize maxBytes, Duration ttl) {

    /** The share of the heap the cache may take when {@code max-bytes} is not set. */
    static final double DEFAULT_HEAP_SHARE = 0.10;

    public CacheProperties {
        enabled = enabled == null || enabled;
        maxBytes = maxBytes == null
                ? DataSize.ofBytes((long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE))
                : maxBytes;
        ttl = ttl == null ? Duration.ofSeconds(60) : ttl;
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("din.cache.ttl must not be negative");
        }
        if (maxBytes.isNegative()) {
            throw new IllegalArgumentException("din.cache.max-bytes must not be negative");
        }
    }
}
