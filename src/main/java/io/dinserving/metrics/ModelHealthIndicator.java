package io.dinserving.metrics;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP once the model is loaded and its workers have run their warm-up pass; part of the readiness
 * group, never of liveness, so a slow model load does not get the pod restarted.
 */
public final class ModelHealthIndicator extends AbstractHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ModelHealthIndicator.class);

    private final String version;
    private final String device;
    private final BooleanSupplier warmedUp;

    public ModelHealthIndicator(String version, String device, BooleanSupplier warmedUp) {
        this.version = version;
        this.device = device;
        this.warmedUp = warmedUp;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("version", version).withDetail("device", device);
        if (warmedUp.getAsBoolean()) {
            builder.up();
        } else {
            log.debug("Model {} is loaded but its workers have not warmed up yet", version);
            builder.down().withDetail("reason", "warming up");
        }
    }
}
