package io.dinserving.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class ModelHealthIndicatorTest {

    @Test
    void isDownUntilTheWorkersHaveWarmedUp() {
        AtomicBoolean warmedUp = new AtomicBoolean(false);
        ModelHealthIndicator indicator = new ModelHealthIndicator("v1", "cpu", warmedUp::get);
        Health before = indicator.health(true);
        assertThat(before.getStatus()).isEqualTo(Status.DOWN);
        assertThat(before.getDetails()).containsEntry("version", "v1").containsEntry("reason", "warming up");
        warmedUp.set(true);
        Health after = indicator.health(true);
        assertThat(after.getStatus()).isEqualTo(Status.UP);
        assertThat(after.getDetails()).containsEntry("device", "cpu");
    }
}
