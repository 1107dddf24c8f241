package io.dinserving.serving;

import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP while a version serves: loaded, and warmed up on every worker. Part of the readiness group,
 * never of liveness, so a slow load does not get the pod restarted; a newer version that fails to
 * load leaves it UP, since the previous one keeps serving.
 */
final class ModelHealthIndicator extends AbstractHealthIndicator {

    private final ModelRegistry registry;

    public ModelHealthIndicator(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var served = registry.servedModels();
        if (served.isEmpty() || !registry.isServing()) {
            builder.down().withDetail("reason", "no model version is serving");
            return;
        }
        List<String> withoutWorkers = served.stream()
                .filter(version -> !version.workersAlive())
                .map(ServedVersion::version)
                .toList();
        if (!withoutWorkers.isEmpty()) {
            // Scoring would go quiet behind a green check: requests would queue for no one.
            builder.down().withDetail("reason", "scoring workers died in versions " + withoutWorkers);
            return;
        }
        builder.up()
                .withDetail(
                        "versions", served.stream().map(ServedVersion::version).toList())
                .withDetail("device", served.get(0).device());
    }
}
