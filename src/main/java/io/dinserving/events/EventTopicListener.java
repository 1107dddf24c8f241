package io.dinserving.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record of the event topic: a batch as {@code POST /events} takes it. A record that is not a
 * valid batch is counted, logged with its place in the topic and skipped, so one bad record never
 * holds up the partition behind it. A store that does not answer is thrown to the container, which
 * retries the record until it does: nothing is skipped that could still be written, and what was
 * written before the failure counts as duplicates on the retry.
 */
final class EventTopicListener implements MessageListener<String, String> {

    private static final Logger log = LoggerFactory.getLogger(EventTopicListener.class);

    /** Unknown fields are kept, for the validator to refuse by name as {@code POST /events} does. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventIngestor ingestor;

    EventTopicListener(EventIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        EventBatch batch;
        try {
            batch = JSON.readValue(record.value() == null ? "null" : record.value(), EventBatch.class);
        } catch (JacksonException e) {
            ingestor.unreadable();
            log.warn(
                    "Skipped {}-{}@{}: not an event batch: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getOriginalMessage());
            return;
        }
        try {
            ingestor.ingest(batch);
        } catch (InvalidEventException e) {
            log.warn("Skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }
}
