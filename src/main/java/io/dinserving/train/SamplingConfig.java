package io.dinserving.train;

import java.util.Set;

/**
 * How samples are built from a log.
 *
 * @param maxLength how many of the most recent behaviours a sample keeps
 * @param positiveThreshold a rating at or above it is positive; null makes every interaction positive
 * @param positiveEventTypes event types that are positive; empty means every type
 * @param negativesPerPositive sampled negatives per positive
 * @param negativeSampling how negatives are drawn
 * @param seed seed of the negative sampler
 * @param holdoutShare null holds out each user's last positive for test and second-last for
 *     validation; a share in (0, 0.5] holds out, per user and in time order, that share of the
 *     events for test and the same share of the remaining ones for validation, as the DIN tutorial's
 *     split of labelled ratings does
 */
public record SamplingConfig(
        int maxLength,
        Double positiveThreshold,
        Set<String> positiveEventTypes,
        int negativesPerPositive,
        NegativeSampling negativeSampling,
        long seed,
        Double holdoutShare) {

    /** Holding out each user's last positives. */
    public SamplingConfig(
            int maxLength,
            Double positiveThreshold,
            Set<String> positiveEventTypes,
            int negativesPerPositive,
            NegativeSampling negativeSampling,
            long seed) {
        this(maxLength, positiveThreshold, positiveEventTypes, negativesPerPositive, negativeSampling, seed, null);
    }

    public SamplingConfig {
        if (holdoutShare != null && !(holdoutShare > 0 && holdoutShare <= 0.5)) {
            throw new IllegalArgumentException("the holdout share must lie in (0, 0.5], was " + holdoutShare);
        }
        positiveEventTypes = positiveEventTypes == null ? Set.of() : Set.copyOf(positiveEventTypes);
        if (maxLength < 1) {
            throw new IllegalArgumentException("max length must be at least 1, was " + maxLength);
        }
        if (negativesPerPositive < 0) {
            throw new IllegalArgumentException("negatives per positive must not be negative");
        }
    }

    /** max length 50, every interaction positive, one uniform negative per positive. */
    public static SamplingConfig defaults(long seed) {
        return new SamplingConfig(50, null, Set.of(), 1, NegativeSampling.UNIFORM, seed);
    }

    /** Where negatives come from. */
    public enum NegativeSampling {
        /** Every item equally likely. */
        UNIFORM,
        /** Proportional to the item's count of positives in the training split. */
        POPULARITY
    }
}
