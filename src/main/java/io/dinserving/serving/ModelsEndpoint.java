package io.dinserving.serving;

import java.util.List;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/models}: every version the service has seen, newest first, with its state
 * (loading, serving, failed with its reason, rejected, retired), load time, share, metrics and the
 * publishing gate's verdict. {@code POST} with {@code {"action": "promote"}} or {@code "rollback"}
 * ends the progressive rollout of the version on trial; keep it on the management port.
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

    /** Promotes or rolls back the version on trial; answers with the versions afterwards. */
    @WriteOperation
    public List<VersionStatus> act(String action) {
        if (registry.canaryVersion() == null) {
            throw new InvalidEndpointRequestException(
                    "no version is on trial: nothing to promote or roll back", "no version is on trial");
        }
        switch (action) {
            case "promote" -> registry.promote();
            case "rollback" -> registry.rollback();
            default ->
                throw new InvalidEndpointRequestException(
                        "action must be promote or rollback, was " + action, "action must be promote or rollback");
        }
        return registry.statuses();
    }
}
