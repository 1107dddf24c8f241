package io.dinserving.events;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Event ingestion.
 *
 * @param maxBatchSize most behaviour events and profile updates in one batch (default 1000); a body
 *     is also bounded by {@code din.api.max-body-size}
 */
@ConfigurationProperties("din.events")
@Validated
public record EventsProperties(@Positive Integer maxBatchSize) {

    public EventsProperties {
        maxBatchSize = maxBatchSize == null ? 1000 : maxBatchSize;
    }
}
