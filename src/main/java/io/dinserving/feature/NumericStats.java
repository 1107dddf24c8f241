package io.dinserving.feature;

import io.dinserving.feature.FeatureSpec.Normalization;

/**
 * Training statistics of one numeric feature, used to fill missing values with the mean and to
 * scale values.
 *
 * @param mean the training mean, which also replaces a missing value
 * @param std the training standard deviation
 * @param min the training minimum
 * @param max the training maximum
 */
public record NumericStats(double mean, double std, double min, double max) {

    /**
     * Scales a value; a null value is replaced by the mean first, and a value outside the training
     * range is clipped to it, so an input the model never saw cannot push every score to 0 or 1.
     */
    public float normalize(Double value, Normalization normalization) {
        double x = value == null || value.isNaN() ? mean : value;
        if (min <= max) {
            x = Math.max(min, Math.min(max, x));
        }
        double scaled = switch (normalization) {
            case Z_SCORE -> std > 0 ? (x - mean) / std : 0.0;
            case MIN_MAX -> max > min ? (x - min) / (max - min) : 0.0;
            case NONE -> x;
        };
        return (float) scaled;
    }

    /** Accumulates statistics with Welford's algorithm; missing values are skipped. */
    public static final class Accumulator {
        private long n;
        private double mean;
        private double m2;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        public void add(Double value) {
            if (value == null || value.isNaN()) {
                return;
            }
            n++;
            double delta = value - mean;
            mean += delta / n;
            m2 += delta * (value - mean);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        public NumericStats build() {
            if (n == 0) {
                return new NumericStats(0, 0, 0, 0);
            }
            return new NumericStats(mean, Math.sqrt(m2 / n), min, max);
        }
    }
}
