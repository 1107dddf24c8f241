package io.dinserving.events;

import io.dinserving.feature.RequestEncoder;
import io.dinserving.serving.VersionLease;
import io.dinserving.serving.VersionSelector;
import io.dinserving.users.UserStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class EventsConfiguration {

    /** Events name items and users as requests do, so they obey the API's {@code din.api.max-id-length}. */
    @Bean
    EventIngestor eventIngestor(
            UserStore store,
            VersionSelector versions,
            EventsProperties properties,
            MeterRegistry registry,
            @Value("${din.api.max-id-length:128}") int maxIdLength) {
        return new EventIngestor(
                store,
                new EventValidator(properties.maxBatchSize(), maxIdLength),
                userId -> encoderFor(versions, userId),
                registry,
                Clock.systemUTC());
    }

    /** A user's events are checked against the version that ranks for the user. */
    private static RequestEncoder encoderFor(VersionSelector versions, String userId) {
        try (VersionLease lease = versions.lease(userId)) {
            return lease.version().encoder();
        }
    }
}
