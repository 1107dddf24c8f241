package io.dinserving.serving;

import java.time.Instant;
import java.util.Map;

/**
 * What the service knows of one version, as the {@code models} actuator endpoint shows it.
 *
 * @param version the version: a repository's directory number, or a single bundle's manifest version
 * @param state loading, serving, failed or retired
 * @param reason why it failed, or null
 * @param path its directory
 * @param manifestVersion the version its manifest records
 * @param createdAt when it was trained, from its manifest
 * @param loadedAt when it finished loading and warming up
 * @param loadMillis how long loading and warm-up took
 * @param sharePercent its share of traffic while serving, else null
 * @param metrics its evaluation metrics, from its manifest
 * @param gate the publishing gate's verdict on it, with both versions' figures; null when not judged
 */
public record VersionStatus(
        String version,
        State state,
        String reason,
        String path,
        String manifestVersion,
        String createdAt,
        Instant loadedAt,
        Long loadMillis,
        Double sharePercent,
        Map<String, Double> metrics,
        GateVerdict gate) {

    /** Where a version is in its life. */
    public enum State {
        LOADING,
        SERVING,
        FAILED,
        /** Loaded, but held back by the publishing gate: it never took traffic. */
        REJECTED,
        RETIRED
    }

    VersionStatus rejected(String why) {
        return new VersionStatus(
                version,
                State.REJECTED,
                why,
                path,
                manifestVersion,
                createdAt,
                loadedAt,
                loadMillis,
                null,
                metrics,
                gate);
    }

    VersionStatus with(State newState, Double share) {
        return new VersionStatus(
                version,
                newState,
                reason,
                path,
                manifestVersion,
                createdAt,
                loadedAt,
                loadMillis,
                share,
                metrics,
                gate);
    }
}
