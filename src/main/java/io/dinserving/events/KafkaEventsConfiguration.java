package io.dinserving.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** The event topic's consumer, when {@code din.events.kafka.bootstrap-servers} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("din.events.kafka.bootstrap-servers")
class KafkaEventsConfiguration {

    /** Between retries of a record the store could not take. */
    private static final long RETRY_MILLIS = 1000;

    @Bean
    ConcurrentMessageListenerContainer<String, String> eventTopicConsumer(
            EventsProperties properties, EventIngestor ingestor, @Value("${din.users.store:memory}") String store) {
        EventsProperties.Kafka kafka = properties.kafka();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putAll(kafka.properties());
        DefaultKafkaConsumerFactory<String, String> consumers =
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new StringDeserializer());
        ContainerProperties container = new ContainerProperties(kafka.topic());
        container.setGroupId(kafka.groupId() != null ? kafka.groupId() : defaultGroup(store));
        container.setMessageListener(new EventTopicListener(ingestor));
        ConcurrentMessageListenerContainer<String, String> consumer =
                new ConcurrentMessageListenerContainer<>(consumers, container);
        consumer.setConcurrency(kafka.concurrency());
        consumer.setCommonErrorHandler(
                new DefaultErrorHandler(new FixedBackOff(RETRY_MILLIS, FixedBackOff.UNLIMITED_ATTEMPTS)));
        return consumer;
    }

    /** Replicas that share a store share the work; each embedded store needs every event. */
    static String defaultGroup(String store) {
        if ("redis".equalsIgnoreCase(store)) {
            return "din-serving";
        }
        try {
            return "din-serving-" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "din-serving-" + ProcessHandle.current().pid();
        }
    }
}
