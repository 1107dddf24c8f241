package io.dinserving.train;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification metrics of click probabilities: AUC, GAUC, log loss and accuracy at 0.5.
 *
 * @param auc area under the ROC curve; ties between a positive and a negative count half
 * @param gauc user-weighted AUC over users having both classes, weight = the user's sample count
 *     (the DIN paper); NaN when no user has both
 * @param logLoss mean binary cross-entropy, probabilities clipped to [1e-7, 1 - 1e-7]
 * @param accuracy share of samples on the right side of 0.5
 * @param samples number of samples
 * @param positives number of positive samples
 */
public record BinaryMetrics(double auc, double gauc, double logLoss, double accuracy, long samples, long positives) {

    private static final double EPSILON = 1e-7;

    /** Computes every metric; {@code users} may be null, which leaves GAUC NaN. */
    public static BinaryMetrics of(float[] scores, int[] labels, List<String> users) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
        }
        double loss = 0;
        long correct = 0;
        long positives = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = Math.min(Math.max(scores[i], EPSILON), 1 - EPSILON);
            loss -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
            if ((scores[i] >= 0.5f) == (labels[i] == 1)) {
                correct++;
            }
            positives += labels[i];
        }
        int n = scores.length;
        return new BinaryMetrics(
                auc(scores, labels),
                users == null ? Double.NaN : gauc(scores, labels, users),
                n == 0 ? Double.NaN : loss / n,
                n == 0 ? Double.NaN : (double) correct / n,
                n,
                positives);
    }

    /**
     * AUC by the rank-sum formula with average ranks for ties, so a tied positive-negative pair
     * counts half. NaN unless both classes are present.
     */
    public static double auc(float[] scores, int[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Group AUC: per-user AUC weighted by the user's sample count, over users with both classes. */
    public static double gauc(float[] scores, int[] labels, List<String> users) {
        Map<String, int[]> indexes = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (String u : users) {
            counts.merge(u, 1, Integer::sum);
        }
        Map<String, Integer> filled = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            String u = users.get(i);
            int[] idx = indexes.computeIfAbsent(u, k -> new int[counts.get(k)]);
            int at = filled.merge(u, 1, Integer::sum) - 1;
            idx[at] = i;
        }
        double weighted = 0;
        double weights = 0;
        for (int[] idx : indexes.values()) {
            float[] s = new float[idx.length];
            int[] l = new int[idx.length];
            for (int k = 0; k < idx.length; k++) {
                s[k] = scores[idx[k]];
                l[k] = labels[idx[k]];
            }
            double auc = auc(s, l);
            if (!Double.isNaN(auc)) {
                weighted += idx.length * auc;
                weights += idx.length;
            }
        }
        return weights == 0 ? Double.NaN : weighted / weights;
    }
}
