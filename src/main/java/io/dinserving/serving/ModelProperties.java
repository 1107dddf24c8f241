package io.dinserving.serving;

import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Which bundles to serve, from where, and how traffic is split between them.
 *
 * @param path one bundle directory, or a model repository: a directory whose children named by a
 *     number ({@code 1/}, {@code 17/}) are bundles (default {@code models/default})
 * @param device {@code auto} (the engine's GPU when it has one), {@code cpu} or {@code gpu}
 * @param versionPolicy in a repository, {@code latest} serves the highest complete version and
 *     {@code specific} the versions listed in {@code versions}
 * @param versions the versions {@code specific} serves
 * @param pollInterval how often the path is checked for new or changed bundles; 0 turns polling off
 * @param traffic version to share of requests, e.g. {@code {17: 90, 18: 10}}; empty sends every
 *     request to the newest served version. A request's {@code userId} picks its version sticky.
 * @param allowLinksOutside whether a version directory may be a symbolic link to outside the
 *     repository (default false: such a version is ignored, and logged once)
 */
@ConfigurationProperties("din.model")
@Validated
public record ModelProperties(
        Path path,
        DeviceChoice device,
        VersionPolicy versionPolicy,
        List<String> versions,
        Duration pollInterval,
        Map<String, @PositiveOrZero Integer> traffic,
        Boolean allowLinksOutside) {

    /** Settings that keep version directories inside the repository. */
    public ModelProperties(
            Path path,
            DeviceChoice device,
            VersionPolicy versionPolicy,
            List<String> versions,
            Duration pollInterval,
            Map<String, Integer> traffic) {
        this(path, device, versionPolicy, versions, pollInterval, traffic, false);
    }

    @ConstructorBinding
    public ModelProperties {
        allowLinksOutside = allowLinksOutside != null && allowLinksOutside;
        path = path == null ? Path.of("models/default") : path;
        device = device == null ? DeviceChoice.AUTO : device;
        versionPolicy = versionPolicy == null ? VersionPolicy.LATEST : versionPolicy;
        versions = versions == null ? List.of() : List.copyOf(versions);
        pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
        traffic = traffic == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(traffic));
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("din.model.poll-interval must not be negative");
        }
        if (versionPolicy == VersionPolicy.SPECIFIC && versions.isEmpty() && traffic.isEmpty()) {
            throw new IllegalArgumentException("din.model.version-policy=specific needs din.model.versions");
        }
    }

    /** The versions that must be served whatever the policy: those named in {@code traffic}. */
    public List<String> pinned() {
        List<String> pinned = new java.util.ArrayList<>(versions);
        traffic.keySet().stream().filter(v -> !pinned.contains(v)).forEach(pinned::add);
        return pinned;
    }

    /** The device setting. */
    public enum DeviceChoice {
        AUTO,
        CPU,
        GPU
    }

    /** Which versions of a repository are served. */
    public enum VersionPolicy {
        /** The highest version that loads. */
        LATEST,
        /** Exactly the listed versions. */
        SPECIFIC
    }
}
