package io.dinserving.serving;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.dinserving.batching.BatchingProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class ModelHealthIndicatorTest {

    @Test
    void isUpWhileAVersionServesAndDownOnceTheRegistryIsClosed() {
        ModelRegistry registry = new ModelRegistry(
                new ModelProperties(Path.of("models/default"), null, null, null, Duration.ZERO, Map.of()),
                new BatchingProperties(true, 64, Duration.ofMillis(1), 16, 1, Duration.ofSeconds(2)),
                Device.cpu(),
                ServingListener.none());
        registry.start();
        ModelHealthIndicator indicator = new ModelHealthIndicator(registry);
        Health up = indicator.health(true);
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("versions", List.of("synthetic-din-v1"));
        registry.close();
        Health down = indicator.health(true);
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("reason", "no model version is serving");
    }
}
