package io.dinserving.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Ranks candidates by descending score; equal scores keep the candidates' order. */
public final class Ranker {

    private Ranker() {}

    /**
     * @param ids candidate ids, free of duplicates
     * @param scores one score per id
     * @param topK how many to return; at least 1, more than the candidates returns them all
     */
    public static List<RankedItem> rank(List<String> ids, float[] scores, int topK) {
        if (ids.size() != scores.length) {
            throw new IllegalArgumentException(ids.size() + " ids for " + scores.length + " scores");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Arrays.sort on objects is stable, so ties keep request order.
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        int n = Math.min(Math.max(topK, 0), order.length);
        List<RankedItem> ranked = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            int i = order[r];
            ranked.add(new RankedItem(ids.get(i), scores[i], r + 1));
        }
        return ranked;
    }
}
