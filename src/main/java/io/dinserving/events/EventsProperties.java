package io.dinserving.events;

import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Event ingestion.
 *
 * @param maxBatchSize most behaviour events and profile updates in one batch (default 1000); a body
 *     is also bounded by {@code din.api.max-body-size}
 * @param kafka a topic of event batches to consume; off unless {@code bootstrap-servers} is set
 */
@ConfigurationProperties("din.events")
@Validated
public record EventsProperties(@Positive Integer maxBatchSize, Kafka kafka) {

    public EventsProperties {
        maxBatchSize = maxBatchSize == null ? 1000 : maxBatchSize;
        kafka = kafka == null ? new Kafka(null, null, null, null, null) : kafka;
    }

    /**
     * The event topic. Each record's value is one batch in the shape of {@code POST /events}.
     *
     * @param bootstrapServers the brokers, e.g. {@code kafka:9092}; setting it turns the consumer on
     * @param topic the topic (default {@code din-events})
     * @param groupId the consumer group. Default: with {@code din.users.store=redis}, {@code
     *     din-serving}, one group for all replicas, as they share the store; with the embedded store,
     *     {@code din-serving-} and the host name, so every replica reads every event into its own store
     * @param concurrency consumers per replica (default 1)
     * @param properties any other Kafka consumer setting, e.g. {@code security.protocol}; the
     *     default {@code auto.offset.reset} is {@code earliest}, so a new replica's store is rebuilt
     *     from what the topic still holds
     */
    public record Kafka(
            String bootstrapServers,
            String topic,
            String groupId,
            @Positive Integer concurrency,
            Map<String, String> properties) {

        public Kafka {
            topic = topic == null ? "din-events" : topic;
            concurrency = concurrency == null ? 1 : concurrency;
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }
}
