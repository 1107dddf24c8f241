package io.dinserving.train.cli;

import java.util.Arrays;
import java.util.Locale;

/** How long each timed run of a pass took, sorted, after untimed warm-up runs. */
record PassTimings(long[] sortedNanos) {

    static final String HEADER =
            "| requests x candidates | rows | mean ms | p50 ms | p95 ms | p99 ms | rows/s |\n|---|---|---|---|---|---|---|";

    /** Runs the pass {@code warmup} times untimed, then {@code iterations} times timed. */
    static PassTimings measure(int warmup, int iterations, Runnable pass) {
        for (int i = 0; i < warmup; i++) {
            pass.run();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            pass.run();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return new PassTimings(nanos);
    }

    /** A row of {@link #HEADER}. */
    String row(String shape, int rows) {
        double mean = Arrays.stream(sortedNanos).average().orElse(0) / 1e6;
        return String.format(
                Locale.ROOT,
                "| %s | %d | %.2f | %.2f | %.2f | %.2f | %,.0f |",
                shape,
                rows,
                mean,
                percentile(50),
                percentile(95),
                percentile(99),
                rows / (mean / 1e3));
    }

    private double percentile(int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.min(sortedNanos.length - 1, Math.max(0, index))] / 1e6;
    }
}
