package io.dinserving.serving;

import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/models}: every version the service has seen, newest first, with its state
 * (loading, serving, failed with its reason, retired), load time, share and metrics. Read-only.
 */
@Endpoint(id = "models")
final class ModelsEndpoint {

    private final ModelRegistry registry;

    public ModelsEndpoint(ModelRegistry registry) {
        this.registry = registry;
    }

    @ReadOperation
    public List<VersionStatus> versions() {
        return registry.statuses();
    }
}
