package io.dinserving.users;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsersProperties.class)
class UsersConfiguration {

    @Bean
    InMemoryUserStore userStore(UsersProperties properties, MeterRegistry registry) {
        InMemoryUserStore store = new InMemoryUserStore(
                properties.maxBehaviours(), properties.maxBytes().toBytes());
        Gauge.builder("din.users.stored", store, InMemoryUserStore::users)
                .description("Users the store keeps")
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
