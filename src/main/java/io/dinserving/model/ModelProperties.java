package io.dinserving.model;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which bundle to serve and where.
 *
 * @param path the bundle directory (default {@code models/default})
 * @param device {@code auto} (the engine's GPU when it has one), {@code cpu} or {@code gpu}
 */
@ConfigurationProperties("din.model")
@Validated
public record ModelProperties(Path path, DeviceChoice device) {

    public ModelProperties {
        path = path == null ? Path.of("models/default") : path;
        device = device == null ? DeviceChoice.AUTO : device;
    }

    /** The device setting. */
    public enum DeviceChoice {
        AUTO,
        CPU,
        GPU
    }
}
