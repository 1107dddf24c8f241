package io.dinserving.train;

import java.util.Locale;

/** A metric over several runs, e.g. seeds: its mean and sample standard deviation. */
public record MeanAndSpread(double mean, double std) {

    public static MeanAndSpread of(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new MeanAndSpread(mean, values.length > 1 ? Math.sqrt(var / (values.length - 1)) : 0);
    }

    /** {@code mean ± std}, each with {@code format}, e.g. {@code %.4f}. */
    public String format(String format) {
        return String.format(Locale.ROOT, format + " ± " + format, mean, std);
    }
}
