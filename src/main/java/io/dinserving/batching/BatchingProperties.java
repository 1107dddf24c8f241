package io.dinserving.batching;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Dynamic batching of scoring requests.
 *
 * @param enabled whether concurrent requests share a forward pass (default true); off, each
 *     request is its own batch
 * @param maxBatchRows a batch stops growing at this many candidate rows, and no forward pass holds
 *     more: a larger request is scored in several passes (default 512)
 * @param maxDelay the longest a queued request may be held back for others to join its batch
 *     (default 1 ms). An upper bound, not a floor: a request that finds a worker idle starts at once,
 *     and batches form from what queues while every worker is busy; 0 takes only what is queued
 * @param queueCapacity most requests waiting; more are refused with 503 (default 256)
 * @param workers worker threads, each with its own predictor and one intra-op thread (default: the
 *     number of cores)
 * @param requestTimeout how long a request may wait for its scores before 504 (default 2 s)
 */
@ConfigurationProperties("din.batching")
@Validated
public record BatchingProperties(
        Boolean enabled,
        @Positive Integer maxBatchRows,
        Duration maxDelay,
        @Positive Integer queueCapacity,
        @Positive Integer workers,
        Duration requestTimeout) {

    public BatchingProperties {
        enabled = enabled == null || enabled;
        maxBatchRows = maxBatchRows == null ? 512 : maxBatchRows;
        maxDelay = maxDelay == null ? Duration.ofMillis(1) : maxDelay;
        queueCapacity = queueCapacity == null ? 256 : queueCapacity;
        workers = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(2) : requestTimeout;
        if (maxDelay.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "din.batching.max-delay must not be negative and request-timeout must be positive");
        }
    }

    /** Rows per batch in effect: 1 when batching is off, so every request runs alone. */
    public int effectiveMaxBatchRows() {
        return enabled ? maxBatchRows : 1;
    }

    /** Delay in effect: none when batching is off. */
    public Duration effectiveMaxDelay() {
        return enabled ? maxDelay : Duration.ZERO;
    }
}
