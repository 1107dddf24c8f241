package io.dinserving.feature;

import java.util.List;

/**
 * The compact batch layout: one history row per request, one row per candidate carrying the index
 * of its request. A history is stored once however many candidates it serves; the model gathers it
 * per candidate on its own device.
 *
 * @param requests number of request rows R
 * @param pairs number of attention pairs P
 * @param paddedLength history length L after padding
 * @param historyIds {@code [R, P, L]} flattened, padded with {@link Vocabulary#PADDING}
 * @param profileIds {@code [R, profile]} flattened
 * @param profileWidth number of categorical profile features
 * @param numeric {@code [R, numericWidth]} flattened
 * @param numericWidth width of a numeric row
 * @param candidateIds {@code [C, P]} flattened
 * @param candidateRequest {@code [C]}: the request row of each candidate
 */
public record EncodedBatch(
        int requests,
        int pairs,
        int paddedLength,
        int[] historyIds,
        int[] profileIds,
        int profileWidth,
        float[] numeric,
        int numericWidth,
        int[] candidateIds,
        int[] candidateRequest) {

    /** Number of candidate rows C. */
    public int candidates() {
        return candidateRequest.length;
    }

    /** The padded length that fits every context: its longest history, and at least 1. */
    public static int longestHistory(List<EncodedContext> contexts) {
        int longest = 1;
        for (EncodedContext context : contexts) {
            longest = Math.max(longest, context.length());
        }
        return longest;
    }

    /**
     * Lays out encoded requests as one batch, padding every history to {@code paddedLength}.
     *
     * @param contexts one per request
     * @param candidates the candidates of each request, in the same order as {@code contexts}
     * @param paddedLength at least the longest history; extra padding never changes a score
     */
    public static EncodedBatch of(
            List<EncodedContext> contexts, List<List<EncodedCandidate>> candidates, int pairs, int paddedLength) {
        if (contexts.size() != candidates.size()) {
            throw new IllegalArgumentException(
                    contexts.size() + " contexts but " + candidates.size() + " candidate lists");
        }
        int r = contexts.size();
        int profileWidth = r == 0 ? 0 : contexts.get(0).profileIds().length;
        int numericWidth = r == 0 ? 0 : contexts.get(0).numeric().length;
        int c = candidates.stream().mapToInt(List::size).sum();
        int[] history = new int[r * pairs * paddedLength];
        int[] profile = new int[r * profileWidth];
        float[] numeric = new float[r * numericWidth];
        int[] candidateIds = new int[c * pairs];
        int[] candidateRequest = new int[c];
        int row = 0;
        for (int i = 0; i < r; i++) {
            if (candidates.get(i).isEmpty()) {
                // The model relies on it: R rows for R candidates means one candidate per request.
                throw new IllegalArgumentException("request " + i + " has no candidates");
            }
            EncodedContext ctx = contexts.get(i);
            if (ctx.length() > paddedLength) {
                throw new IllegalArgumentException(
                        "history of " + ctx.length() + " exceeds padded length " + paddedLength);
            }
            for (int p = 0; p < pairs; p++) {
                System.arraycopy(
                        ctx.historyIds(), p * ctx.length(), history, (i * pairs + p) * paddedLength, ctx.length());
            }
            System.arraycopy(ctx.profileIds(), 0, profile, i * profileWidth, profileWidth);
            System.arraycopy(ctx.numeric(), 0, numeric, i * numericWidth, numericWidth);
            for (EncodedCandidate cand : candidates.get(i)) {
                System.arraycopy(cand.ids(), 0, candidateIds, row * pairs, pairs);
                candidateRequest[row++] = i;
            }
        }
        return new EncodedBatch(
                r,
                pairs,
                paddedLength,
                history,
                profile,
                profileWidth,
                numeric,
                numericWidth,
                candidateIds,
                candidateRequest);
    }
}
