package io.dinserving.train;

import io.dinserving.bundle.BundleManifest;
import java.nio.file.Path;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param bundle the bundle directory written
 * @param manifest its manifest
 * @param epochs per-epoch statistics
 * @param bestEpoch the epoch kept
 * @param validation validation metrics of the kept checkpoint, or null
 * @param test test metrics of the kept checkpoint, or null without a test split
 */
public record TrainingResult(
        Path bundle,
        BundleManifest manifest,
        List<EpochStats> epochs,
        int bestEpoch,
        BinaryMetrics validation,
        BinaryMetrics test) {

    /** Mean training throughput over the epochs run. */
    public double samplesPerSecond() {
        return epochs.stream()
                .mapToDouble(EpochStats::samplesPerSecond)
                .average()
                .orElse(Double.NaN);
    }
}
