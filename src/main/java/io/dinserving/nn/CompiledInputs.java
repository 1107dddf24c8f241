package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.Vocabulary;

/**
 * The pre-processing half of {@link CompiledDin}: lays an encoded batch out as the arrays the
 * compiled graph reads, on the host, then copies each to the device once.
 *
 * <p>Ids are offset into the stacked embedding table, histories are laid out position-major
 * ({@code [R, L, P]}) so that one gather yields the concatenated keys, and the padding mask is
 * computed here rather than by ops on the device.
 */
final class CompiledInputs {

    private final int pairs;
    private final int profileWidth;
    private final int numericWidth;
    private final long[] pairOffsets;
    private final long[] profileOffsets;

    CompiledInputs(FeatureSpec spec, long[] pairOffsets, long[] profileOffsets) {
        this.pairs = spec.attention().size();
        this.profileWidth = spec.categorical().size();
        this.numericWidth = spec.numericWidth();
        this.pairOffsets = pairOffsets.clone();
        this.profileOffsets = profileOffsets.clone();
    }

    Arrays toArrays(NDManager pass, EncodedBatch batch) {
        if (batch.pairs() != pairs || batch.profileWidth() != profileWidth || batch.numericWidth() != numericWidth) {
            throw new IllegalArgumentException("batch of " + batch.pairs() + " pairs, " + batch.profileWidth()
                    + " profile and " + batch.numericWidth() + " numeric features does not fit a model of " + pairs
                    + ", " + profileWidth + " and " + numericWidth);
        }
        int r = batch.requests();
        int c = batch.candidates();
        int l = batch.paddedLength();
        if (l < 1) {
            throw new IllegalArgumentException("a batch needs a padded length of at least 1");
        }
        int[] history = batch.historyIds();
        long[] historyIds = new long[r * l * pairs];
        float[] mask = new float[r * l];
        for (int i = 0; i < r; i++) {
            for (int p = 0; p < pairs; p++) {
                int from = (i * pairs + p) * l;
                for (int t = 0; t < l; t++) {
                    historyIds[(i * l + t) * pairs + p] = history[from + t] + pairOffsets[p];
                }
            }
            int firstPair = i * pairs * l;
            for (int t = 0; t < l; t++) {
                mask[i * l + t] = history[firstPair + t] == Vocabulary.PADDING ? 0f : 1f;
            }
        }
        int[] candidates = batch.candidateIds();
        long[] candidateIds = new long[c * pairs];
        for (int i = 0; i < candidateIds.length; i++) {
            candidateIds[i] = candidates[i] + pairOffsets[i % pairs];
        }
        NDArray profile = null;
        if (profileWidth > 0) {
            long[] profileIds = new long[r * profileWidth];
            for (int i = 0; i < profileIds.length; i++) {
                profileIds[i] = batch.profileIds()[i] + profileOffsets[i % profileWidth];
            }
            profile = pass.create(profileIds, new Shape(r, profileWidth));
        }
        NDArray request = null;
        int[] starts = new int[r + 1];
        int[] of = batch.candidateRequest();
        for (int i = 0; i < c; i++) {
            if (i > 0 && of[i] < of[i - 1]) {
                throw new IllegalArgumentException("candidates must be grouped by request");
            }
            starts[of[i] + 1] = i + 1;
        }
        for (int i = 1; i <= r; i++) {
            starts[i] = Math.max(starts[i], starts[i - 1]);
        }
        if (r > 1) {
            long[] index = new long[c];
            for (int i = 0; i < c; i++) {
                index[i] = of[i];
            }
            request = pass.create(index);
        }
        return new Arrays(
                r,
                c,
                l,
                pass.create(candidateIds, new Shape(c, pairs)),
                pass.create(historyIds, new Shape(r, l, pairs)),
                pass.create(mask, new Shape(r, l, 1)),
                mask,
                starts,
                profile,
                numericWidth > 0 ? pass.create(batch.numeric(), new Shape(r, numericWidth)) : null,
                request);
    }

    /**
     * One pass's inputs on the device.
     *
     * @param mask {@code [R, L, 1]}: 1 for a behaviour, 0 for padding
     * @param hostMask the same on the host, for masks of other shapes
     * @param requestStarts {@code [R + 1]}: request r's candidates are rows {@code [starts[r],
     *     starts[r + 1])}
     * @param profileIds {@code [R, F]}, or null without profile features
     * @param numeric {@code [R, N]}, or null without numeric features
     * @param request {@code [C]}: each candidate's request row; null with a single request
     */
    record Arrays(
            int requests,
            int candidates,
            int length,
            NDArray candidateIds,
            NDArray historyIds,
            NDArray mask,
            float[] hostMask,
            int[] requestStarts,
            NDArray profileIds,
            NDArray numeric,
            NDArray request) {

        /** Rows of a per-request array {@code [R, ...]}, one per candidate {@code [C, ...]}. */
        NDArray perCandidate(NDArray perRequest) {
            Shape target = new Shape(candidates).addAll(perRequest.getShape().slice(1));
            if (request == null) {
                return perRequest.broadcast(target); // a view: nothing is copied per candidate
            }
            return EmbeddingTable.perCandidate(perRequest.reshape(requests, -1), request)
                    .reshape(target);
        }

        /** Additive softmax mask of one request {@code [L]}: 0 for a behaviour, a huge negative for padding. */
        NDArray softmaxMask(int request) {
            float[] bias = new float[length];
            for (int t = 0; t < length; t++) {
                bias[t] = hostMask[request * length + t] == 0f ? AttentionPooling.MASKED_LOGIT : 0f;
            }
            return candidateIds.getManager().create(bias);
        }

        /** Additive softmax masks of every request, {@code [R, L]}, as {@link #softmaxMask} gives one. */
        NDArray softmaxMasks() {
            float[] bias = new float[requests * length];
            for (int i = 0; i < bias.length; i++) {
                bias[i] = hostMask[i] == 0f ? AttentionPooling.MASKED_LOGIT : 0f;
            }
            return candidateIds.getManager().create(bias, new Shape(requests, length));
        }
    }
}
