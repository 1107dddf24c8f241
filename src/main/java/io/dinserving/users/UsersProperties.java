package io.dinserving.users;

import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The user store.
 *
 * @param store {@code memory} (the default: in this process, bounded by {@code max-bytes}) or {@code
 *     redis} (shared by replicas, at the {@code spring.data.redis.*} settings)
 * @param maxBehaviours how many of each user's latest behaviours are kept (default 100); keep it at
 *     least the served models' history length, which is what a ranking uses
 * @param maxBytes the most the embedded store may hold on the heap, estimated (default 128MB); past
 *     it, the least recently used users are evicted
 * @param snapshot a file the embedded store is written to on shutdown and read from on start; none
 *     by default, so a restart starts empty
 * @param redis the Redis store's keys and time to live
 * @param history where a request's history comes from when it names a user: {@code request} (the
 *     behaviours it sent, else the store's; the default), {@code store} or {@code merge}. A request
 *     may choose for itself with its {@code history} field
 */
@ConfigurationProperties("din.users")
@Validated
public record UsersProperties(
        Store store,
        @Positive Integer maxBehaviours,
        DataSize maxBytes,
        Path snapshot,
        HistoryMode history,
        Redis redis) {

    /** Where users are kept. */
    public enum Store {
        MEMORY,
        REDIS
    }

    /**
     * The Redis store; the connection itself is {@code spring.data.redis.*}.
     *
     * @param keyPrefix put before every key (default {@code din:users:}), so environments can share a
     *     Redis
     * @param ttl how long a user is kept after their last event or profile update (default 30 days)
     */
    public record Redis(String keyPrefix, Duration ttl) {

        public Redis {
            keyPrefix = keyPrefix == null ? "din:users:" : keyPrefix;
            ttl = ttl == null ? Duration.ofDays(30) : ttl;
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("din.users.redis.ttl must be positive");
            }
        }
    }

    public UsersProperties {
        store = store == null ? Store.MEMORY : store;
        redis = redis == null ? new Redis(null, null) : redis;
        maxBehaviours = maxBehaviours == null ? 100 : maxBehaviours;
        maxBytes = maxBytes == null ? DataSize.ofMegabytes(128) : maxBytes;
        history = history == null ? HistoryMode.REQUEST : history;
        if (maxBytes.toBytes() < 1) {
            throw new IllegalArgumentException("din.users.max-bytes must be positive");
        }
    }
}
