package io.dinserving.users;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsersProperties.class)
class UsersConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "din.users.store", havingValue = "memory", matchIfMissing = true)
    static class Embedded {

        @Bean
        InMemoryUserStore userStore(UsersProperties properties, MeterRegistry registry) {
            InMemoryUserStore store = new InMemoryUserStore(
                    properties.maxBehaviours(), properties.maxBytes().toBytes());
            Gauge.builder("din.users.stored", store, InMemoryUserStore::users)
                    .description("Users the embedded store keeps")
                    .register(registry);
            Gauge.builder("din.users.store.size", store, InMemoryUserStore::bytes)
                    .description("What the kept users weigh on the heap, estimated")
                    .baseUnit("bytes")
                    .register(registry);
            FunctionCounter.builder("din.users.evictions", store, InMemoryUserStore::evictions)
                    .description("Users evicted, least recently used first, to keep within din.users.max-bytes")
                    .register(registry);
            return store;
        }

        @Bean
        SnapshotLifecycle userSnapshots(UsersProperties properties, InMemoryUserStore store) {
            return new SnapshotLifecycle(
                    properties.snapshot() == null ? null : new UserSnapshot(properties.snapshot()), store);
        }
    }

    /** Redis's own size figures are its {@code INFO keyspace}, which a Redis exporter scrapes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "din.users.store", havingValue = "redis")
    static class Shared {

        @Bean
        RedisUserStore userStore(UsersProperties properties, StringRedisTemplate redis) {
            return new RedisUserStore(
                    redis,
                    properties.redis().keyPrefix(),
                    properties.maxBehaviours(),
                    properties.redis().ttl());
        }

        /** Boot's own Redis health is off, as the embedded store needs no Redis; this one is the store's. */
        @Bean
        HealthIndicator userStoreHealthIndicator(RedisUserStore store) {
            return () -> {
                try {
                    store.ping();
                    return Health.up().build();
                } catch (RuntimeException e) {
                    return Health.down()
                            .withDetail("error", e.getClass().getSimpleName())
                            .build();
                }
            };
        }
    }
}
