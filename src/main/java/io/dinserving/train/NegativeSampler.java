package io.dinserving.train;

import io.dinserving.train.SamplingConfig.NegativeSampling;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Draws items a user never touched, uniformly or by popularity, from a seeded random source.
 */
final class NegativeSampler {

    private static final int ATTEMPTS_PER_DRAW = 100;

    private final List<String> items;
    private final long[] cumulativeCounts;
    private final Random random;

    /**
     * @param items the item universe
     * @param counts popularity of each item, parallel to {@code items}; ignored for uniform sampling
     */
    NegativeSampler(List<String> items, long[] counts, NegativeSampling sampling, Random random) {
        this.items = List.copyOf(items);
        this.random = random;
        if (sampling == NegativeSampling.POPULARITY) {
            cumulativeCounts = new long[counts.length];
            long total = 0;
            for (int i = 0; i < counts.length; i++) {
                total += counts[i];
                cumulativeCounts[i] = total;
            }
        } else {
            cumulativeCounts = null;
        }
    }

    /**
     * Draws one item not in {@code touched}, or null when none was found in a bounded number of
     * attempts (a user who touched nearly everything).
     */
    String draw(Set<String> touched) {
        if (items.isEmpty()) {
            return null;
        }
        for (int attempt = 0; attempt < ATTEMPTS_PER_DRAW; attempt++) {
            String item = items.get(nextIndex());
            if (!touched.contains(item)) {
                return item;
            }
        }
        return null;
    }

    private int nextIndex() {
        if (cumulativeCounts == null) {
            return random.nextInt(items.size());
        }
        long total = cumulativeCounts[cumulativeCounts.length - 1];
        long target = (long) (random.nextDouble() * total);
        int index = Arrays.binarySearch(cumulativeCounts, target + 1);
        return index >= 0 ? index : -index - 1;
    }
}
