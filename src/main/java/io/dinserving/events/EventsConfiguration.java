package io.dinserving.events;

import io.dinserving.users.UserStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class EventsConfiguration {

    @Bean
    EventIngestor eventIngestor(UserStore store, MeterRegistry registry) {
        return new EventIngestor(store, registry, Clock.systemUTC());
    }
}
