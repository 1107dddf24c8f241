package io.dinserving.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.serving.ModelRegistry;
import io.dinserving.users.Behaviour;
import io.dinserving.users.UserState;
import io.dinserving.users.UserStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Event batches from a topic on an embedded broker, in the shape of POST /events. */
@EmbeddedKafka(topics = "din-events", partitions = 2)
@SpringBootTest(
        properties = {
            "din.events.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            // The embedded broker's own chatter, and its complaints as the test JVM tears it down.
            "logging.level.org.apache.kafka=ERROR",
            "logging.level.kafka=ERROR",
            "logging.level.state.change.logger=OFF",
            "logging.level.org.apache.kafka.storage.internals.log.LogDirFailureChannel=OFF",
            "logging.level.org.springframework.kafka=WARN"
        })
class KafkaEventsTest {

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    UserStore store;

    @Autowired
    ModelRegistry registry;

    @Autowired
    MeterRegistry meters;

    @Test
    void batchesFromTheTopicReachTheStoreAndABadRecordHoldsNothingUp() throws Exception {
        List<String> items = registry.servedModels()
                .get(0)
                .bundle()
                .manifest()
                .features()
                .vocabularies()
                .get("itemId")
                .tokens();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new StringSerializer())) {
            // Keyed by user, as a producer should: one user's records stay in order on one partition.
            producer.send(new ProducerRecord<>(
                    "din-events",
                    "k1",
                    "{\"events\": [{\"eventId\": \"k-2\", " + "\"userId\": \"k1\", \"itemId\": \"" + items.get(2)
                            + "\", \"timestamp\": 20}]}"));
            producer.send(new ProducerRecord<>("din-events", "k1", "not json"));
            producer.send(new ProducerRecord<>(
                    "din-events",
                    "k1",
                    "{\"events\": [{\"userId\": \"k1\", " + "\"itemId\": \"" + items.get(9)
                            + "\", \"timestamp\": -1}]}"));
            producer.send(new ProducerRecord<>(
                    "din-events",
                    "k1",
                    "{\"events\": [{\"eventId\": \"k-1\", "
                            + "\"userId\": \"k1\", \"itemId\": \"" + items.get(1) + "\", \"timestamp\": 10}, "
                            + "{\"eventId\": \"k-2\", \"userId\": \"k1\", \"itemId\": \"" + items.get(2)
                            + "\", \"timestamp\": 20}]}"));
        }

        UserState state =
                await(() -> store.find("k1").filter(s -> s.behaviours().size() == 2));

        assertThat(state.behaviours()).extracting(Behaviour::itemId).containsExactly(items.get(1), items.get(2));
        await(() -> Optional.of(
                        meters.counter("din.events", "outcome", "duplicate").count())
                .filter(n -> n >= 1));
        assertThat(meters.counter("din.events", "outcome", "rejected").count()).isEqualTo(2);
        assertThat(meters.counter("din.events", "outcome", "accepted").count()).isEqualTo(2);
    }

    @Test
    void theEmbeddedStoreReadsEveryEventInAGroupOfItsOwn() {
        assertThat(KafkaEventsConfiguration.defaultGroup("redis")).isEqualTo("din-serving");
        assertThat(KafkaEventsConfiguration.defaultGroup("memory"))
                .startsWith("din-serving-")
                .hasSizeGreaterThan(12);
    }

    private static <T> T await(Supplier<Optional<T>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 60 s");
    }
}
