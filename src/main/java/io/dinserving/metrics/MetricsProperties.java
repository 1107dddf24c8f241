package io.dinserving.metrics;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Metric settings.
 *
 * @param latencySlos request-latency buckets published besides the percentile histogram (default
 *     5, 10, 25, 50, 100 and 250 ms)
 */
@ConfigurationProperties("din.metrics")
@Validated
record MetricsProperties(List<Duration> latencySlos) {

    public MetricsProperties {
        latencySlos = latencySlos == null || latencySlos.isEmpty()
                ? List.of(
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250))
                : List.copyOf(latencySlos);
    }
}
