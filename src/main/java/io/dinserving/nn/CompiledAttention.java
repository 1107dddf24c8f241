package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.dinserving.nn.ModelConfig.WeightNormalization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The activation unit and weighted sum of a {@link CompiledDin}, run once per request of a pass.
 *
 * <p>The unit's first layer over {@code [q, k, q - k, q * k]} with weight {@code [W1 W2 W3 W4]} is,
 * for candidate c and behaviour k, {@code (diag(q_c) W4 + W2 - W3) k + ((W1 + W3) q_c + b)}. For one
 * request, whose behaviours all its candidates share, that is a single matrix product: the keys
 * {@code [L, D]} times one {@code [H, D]} matrix per candidate, side by side {@code [C H, D]}, plus
 * one bias per candidate and unit, {@code [C H]}. The layer costs {@code 2 L D H} flops per
 * candidate, runs as one well-shaped GEMM with its bias fused, and nothing of size {@code [C, L, H]}
 * is added to or copied. Its output is laid out {@code [L, C, H]}, which the layers after it, being
 * per row, do not mind.
 */
final class CompiledAttention {

    /**
     * Candidates from which a request in a pass of several runs on its own: one GEMM of its keys then
     * serves all of them, where gathering would copy its keys once per candidate.
     */
    static final int OWN_PASS_CANDIDATES = 16;

    /**
     * Most first-layer rows ({@code candidates x history length}) one chunk of a request computes at
     * once. At 50 behaviours that is 256 candidates, whose {@code [L, 256 H]} intermediates stay in
     * a core's cache: 1 x 1000 ran at a mean of 15.6 ms in chunks of 256 against 25-48 ms in one
     * piece, and its p99 fell from 118 ms to 19 ms (docs/benchmarks.md).
     */
    static final int CHUNK_ROWS = 12_800;

    /** Candidates per chunk for a history of {@code length}: never fewer than {@link #OWN_PASS_CANDIDATES}. */
    static int chunkCandidates(int length) {
        return Math.max(OWN_PASS_CANDIDATES, CHUNK_ROWS / Math.max(1, length));
    }

    private final int width;
    private final int firstWidth;
    private final CompiledLayer.Dense queryTerm;
    private final NDArray productTerm;
    private final NDArray keyTerm;
    private final CompiledLayer firstActivation;
    private final List<CompiledLayer> rest;
    private final CompiledLayer.Dense score;

    private CompiledAttention(
            int width,
            int firstWidth,
            CompiledLayer.Dense queryTerm,
            NDArray productTerm,
            NDArray keyTerm,
            CompiledLayer firstActivation,
            List<CompiledLayer> rest,
            CompiledLayer.Dense score) {
        this.width = width;
        this.firstWidth = firstWidth;
        this.queryTerm = queryTerm;
        this.productTerm = productTerm;
        this.keyTerm = keyTerm;
        this.firstActivation = firstActivation;
        this.rest = rest;
        this.score = score;
    }

    static CompiledAttention of(ActivationUnit unit, CompiledWeights weights) {
        int d = unit.width();
        int h = unit.firstWidth();
        float[] w = CompiledWeights.required(unit, "weight"); // [H, 4D]
        float[] query = new float[h * d]; // W1 + W3
        float[] product = new float[h * d]; // W4
        float[] key = new float[h * d]; // W2 - W3
        for (int o = 0; o < h; o++) {
            int row = o * 4 * d;
            for (int i = 0; i < d; i++) {
                float w3 = w[row + 2 * d + i];
                query[o * d + i] = w[row + i] + w3;
                key[o * d + i] = w[row + d + i] - w3;
                product[o * d + i] = w[row + 3 * d + i];
            }
        }
        return new CompiledAttention(
                d,
                h,
                new CompiledLayer.Dense(
                        weights.matrix(query, h, d), weights.vector(CompiledWeights.required(unit, "bias"))),
                weights.matrix(product, h, d),
                weights.matrix(key, h, d),
                CompiledLayer.activation(unit.firstActivation(), weights),
                unit.rest() == null ? List.of() : CompiledLayer.sequence(unit.rest(), weights),
                CompiledLayer.dense(unit.score(), null, weights));
    }

    /**
     * The interest of each candidate: its attention-weighted sum of its request's keys.
     *
     * @param query {@code [C, D]}, candidates grouped by request
     * @param keys {@code [R, L, D]}, zero at padded positions
     * @return {@code [C, D]}
     */
    NDArray interest(NDArray query, NDArray keys, CompiledInputs.Arrays in, WeightNormalization normalization) {
        return interest(query, keys, in, normalization, null);
    }

    /**
     * As {@link #interest(NDArray, NDArray, CompiledInputs.Arrays, WeightNormalization)}, also
     * adding each request's behaviour weights {@code [n, L]} to {@code weightsOut} when it is not
     * null: what explaining a ranking reads.
     */
    NDArray interest(
            NDArray query,
            NDArray keys,
            CompiledInputs.Arrays in,
            WeightNormalization normalization,
            List<NDArray> weightsOut) {
        int requests = in.requests();
        if (requests == 1) {
            return inChunks(query, keys.reshape(in.length(), width), in, 0, normalization, weightsOut);
        }
        if (weightsOut == null) {
            return byRequestSize(query, keys, in, normalization);
        }
        NDList parts = new NDList(requests);
        int[] starts = in.requestStarts();
        for (int r = 0; r < requests; r++) {
            parts.add(interest(
                    query.get(new NDIndex("{}:{}", starts[r], starts[r + 1])),
                    keys.get(r),
                    in,
                    r,
                    normalization,
                    weightsOut));
        }
        return NDArrays.concat(parts, 0);
    }

    /**
     * One request, its candidates in chunks: a chunk's intermediates ({@code [L, chunk H]}) stay in
     * the core's cache, where a thousand candidates' would not.
     */
    private NDArray inChunks(
            NDArray query,
            NDArray keys,
            CompiledInputs.Arrays in,
            int request,
            WeightNormalization normalization,
            List<NDArray> weightsOut) {
        int n = Math.toIntExact(query.getShape().get(0));
        int chunk = chunkCandidates(in.length());
        if (n <= chunk) {
            return interest(query, keys, in, request, normalization, weightsOut);
        }
        NDList parts = new NDList();
        List<NDArray> chunkWeights = weightsOut == null ? null : new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            parts.add(interest(
                    query.get(new NDIndex("{}:{}", from, to)), keys, in, request, normalization, chunkWeights));
        }
        if (weightsOut != null) {
            weightsOut.add(NDArrays.concat(new NDList(chunkWeights), 0));
        }
        return NDArrays.concat(parts, 0);
    }

    /**
     * A pass of several requests. A request with many candidates runs on its own, where one GEMM of
     * its keys serves all its candidates; the others run together, gathered (see {@link
     * #gathered}), so a pass costs a fixed number of ops however many small requests it holds.
     */
    private NDArray byRequestSize(
            NDArray query, NDArray keys, CompiledInputs.Arrays in, WeightNormalization normalization) {
        int[] starts = in.requestStarts();
        List<Integer> large = new ArrayList<>();
        int[] smallRows = new int[in.candidates()];
        long[] smallRequests = new long[in.candidates()];
        int small = 0;
        for (int r = 0; r < in.requests(); r++) {
            if (starts[r + 1] - starts[r] >= OWN_PASS_CANDIDATES) {
                large.add(r);
                continue;
            }
            for (int row = starts[r]; row < starts[r + 1]; row++) {
                smallRows[small] = row;
                smallRequests[small++] = r;
            }
        }
        if (large.isEmpty()) {
            return gathered(query, keys, in.request(), in, normalization);
        }
        NDManager pass = query.getManager();
        NDList parts = new NDList(large.size() + 1);
        int[] order = new int[in.candidates()]; // the pass row of each row of the concatenated parts
        int at = 0;
        if (small > 0) {
            int[] rows = Arrays.copyOf(smallRows, small);
            NDArray subset = query.get(pass.create(rows));
            parts.add(gathered(subset, keys, pass.create(Arrays.copyOf(smallRequests, small)), in, normalization));
            System.arraycopy(rows, 0, order, 0, small);
            at = small;
        }
        for (int r : large) {
            parts.add(inChunks(
                    query.get(new NDIndex("{}:{}", starts[r], starts[r + 1])),
                    keys.get(r),
                    in,
                    r,
                    normalization,
                    null));
            for (int row = starts[r]; row < starts[r + 1]; row++) {
                order[at++] = row;
            }
        }
        NDArray joined = NDArrays.concat(parts, 0);
        int[] position = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            position[order[i]] = i;
        }
        return joined.get(pass.create(position));
    }

    /**
     * Candidates of several requests at once: each candidate's request keys are gathered ({@code [n,
     * L, D]}) and the first layer is one batched product with the candidates' matrices ({@code [n,
     * D, H]}). The flops are those of the per-request form.
     *
     * @param query {@code [n, D]}
     * @param requestOf {@code [n]}: each candidate's request row in {@code keys}
     */
    private NDArray gathered(
            NDArray query,
            NDArray keys,
            NDArray requestOf,
            CompiledInputs.Arrays in,
            WeightNormalization normalization) {
        int c = Math.toIntExact(query.getShape().get(0));
        int l = in.length();
        NDArray candidateKeys = EmbeddingTable.rows(keys.reshape(in.requests(), (long) l * width), requestOf)
                .reshape(c, l, width);
        NDArray perCandidate =
                query.reshape(c, 1, width).mul(productTerm).addi(keyTerm).transpose(0, 2, 1); // [n, D, H]
        NDArray constant = queryTerm.apply(query).reshape(c, 1, firstWidth);
        NDArray first = candidateKeys.matMul(perCandidate).addi(constant); // [n, L, H]
        NDArray scores = unitScores(first, (long) c * l).reshape(c, l);
        NDArray weights = switch (normalization) {
            case NONE -> scores;
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(scores);
            case SOFTMAX ->
                scores.add(EmbeddingTable.rows(in.softmaxMasks(), requestOf)).softmax(1);
        };
        // Padded positions hold zero keys, so whatever their weight they add nothing.
        return weights.reshape(c, 1, l).matMul(candidateKeys).reshape(c, width);
    }

    /** The unit's layers after the first, over its first layer's output as {@code rows} rows: one score each. */
    private NDArray unitScores(NDArray first, long rows) {
        NDArray hidden = firstActivation.apply(first.reshape(rows, firstWidth));
        for (CompiledLayer layer : rest) {
            hidden = layer.apply(hidden);
        }
        return score.apply(hidden);
    }

    /** One request: {@code query} {@code [n, D]}, {@code keys} {@code [L, D]}. */
    private NDArray interest(
            NDArray query,
            NDArray keys,
            CompiledInputs.Arrays in,
            int request,
            WeightNormalization normalization,
            List<NDArray> weightsOut) {
        int n = Math.toIntExact(query.getShape().get(0));
        int l = in.length();
        NDArray perCandidate =
                query.reshape(n, 1, width).mul(productTerm).addi(keyTerm).reshape(n * firstWidth, width);
        NDArray constant = queryTerm.apply(query).reshape(n * firstWidth);
        NDArray first =
                keys.getNDArrayInternal().linear(keys, perCandidate, constant).singletonOrThrow(); // [L, n H]
        NDArray scores = unitScores(first, (long) l * n).reshape(l, n).transpose(); // [n, L]
        NDArray weights = switch (normalization) {
            case NONE -> scores;
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(scores);
            case SOFTMAX -> scores.add(in.softmaxMask(request)).softmax(1);
        };
        if (weightsOut != null) {
            weightsOut.add(weights);
        }
        // Padded positions hold zero keys, so whatever their weight they add nothing.
        return weights.matMul(keys); // [n, L] x [L, D]
    }
}
