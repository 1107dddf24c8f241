package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.nn.ModelConfig.Variant;
import io.dinserving.nn.ModelConfig.WeightNormalization;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DinBlock} compiled for inference: the same function, computed with fewer and cheaper ops.
 *
 * <p>Every array derived from the parameters is made once, when the graph is compiled, in a manager
 * of its own that {@link #close()} frees. A pass makes its arrays in a sub-manager of that one and
 * closes it before returning, so a pass leaves nothing behind. The first operand of every op is an
 * array of the pass, because DJL attaches a result to its first operand's manager.
 *
 * <p>What compilation buys, each measured in {@code docs/benchmarks.md}:
 *
 * <ul>
 *   <li>All embedding tables are stacked into one, and ids arrive already offset into it, so each
 *       of the candidates, the histories and the profiles is one gather, whatever the number of
 *       attention pairs or profile features.
 *   <li>The attention unit's first layer {@code W [q, k, q-k, q*k] + b} becomes one batched matrix
 *       product per pass: {@code [k, 1] . M_c} with {@code M_c = [diag(q_c) W4' + (W2 - W3)'; (W1
 *       + W3) q_c + b]}, built once per candidate. No {@code [C, L, H]} sum is ever materialised.
 *   <li>Batch norm at inference is folded into the linear layer before it, Dice's normalisation
 *       into a per-channel scale and shift, and PReLU becomes {@code max(x, a * x)} (exact for
 *       slopes up to 1, which compilation checks).
 *   <li>Padded history positions carry zero keys, so they add nothing to the interest whatever
 *       their attention score; no mask is applied per (candidate, position) pair.
 *   <li>With one request in the pass, as when serving one page, the history is shared by
 *       broadcasting instead of being copied per candidate.
 * </ul>
 *
 * <p>Thread-safe: passes only read the compiled arrays, and each has its own manager.
 */
public final class CompiledDin implements ForwardPass {

    private final NDManager weights;
    private final CompiledInputs inputs;
    private final int pairWidth;
    private final Variant variant;
    private final WeightNormalization normalization;
    private final NDArray table;
    private final CompiledAttention attention;
    private final List<CompiledLayer> top;
    private final CompiledLayer.Dense logit;

    private CompiledDin(
            NDManager weights,
            CompiledInputs inputs,
            int pairWidth,
            Variant variant,
            WeightNormalization normalization,
            NDArray table,
            CompiledAttention attention,
            List<CompiledLayer> top,
            CompiledLayer.Dense logit) {
        this.weights = weights;
        this.inputs = inputs;
        this.pairWidth = pairWidth;
        this.variant = variant;
        this.normalization = normalization;
        this.table = table;
        this.attention = attention;
        this.top = top;
        this.logit = logit;
    }

    /**
     * Compiles an initialised or loaded block. The result reads the parameters as they are now; a
     * block that trains on must be compiled again to be scored with its new parameters.
     *
     * @param parent the compiled arrays live in a sub-manager of this one, and so on its device
     */
    public static CompiledDin compile(DinBlock block, NDManager parent) {
        NDManager weights = parent.newSubManager();
        try {
            CompiledWeights w = new CompiledWeights(weights);
            var stacked = block.stackedTables();
            NDArray table = w.matrix(stacked.values(), stacked.rows(), stacked.dim());
            CompiledInputs inputs = new CompiledInputs(block.spec(), stacked.pairOffsets(), stacked.profileOffsets());
            ModelConfig config = block.config();
            CompiledAttention attention = config.variant() == Variant.DIN
                    ? CompiledAttention.of(block.pooling().unit(), w)
                    : null;
            List<CompiledLayer> top = CompiledLayer.sequence(block.top(), w);
            CompiledLayer.Dense logit = CompiledLayer.dense(block.logit(), null, w);
            return new CompiledDin(
                    weights,
                    inputs,
                    block.pairWidth(),
                    config.variant(),
                    config.weightNormalization(),
                    table,
                    attention,
                    top,
                    logit);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** Click probabilities, one per candidate row of the batch. */
    @Override
    public float[] score(EncodedBatch batch) {
        try (NDManager pass = weights.newSubManager()) {
            return ai.djl.nn.Activation.sigmoid(logits(inputs.toArrays(pass, batch)))
                    .toFloatArray();
        }
    }

    /**
     * Click probabilities and, for each candidate row, the weight each behaviour of its request
     * got: the activation unit's raw score for {@code none}, its normalised weight for {@code
     * softmax} and {@code sigmoid}, 1 for every behaviour of the sum-pooling BaseModel, and no
     * weights for item-only. Weights cover the request's own behaviours, oldest first, padding left
     * out. A separate path: {@link #score} does none of this work.
     *
     * @param historyLengths each request's number of behaviours, in batch order
     */
    @Override
    public Explanation explain(EncodedBatch batch, int[] historyLengths) {
        try (NDManager pass = weights.newSubManager()) {
            CompiledInputs.Arrays in = inputs.toArrays(pass, batch);
            List<NDArray> perRequest = new ArrayList<>();
            float[] scores =
                    ai.djl.nn.Activation.sigmoid(logits(in, perRequest)).toFloatArray();
            float[][] weightsOut = new float[batch.candidates()][];
            int[] requestOf = batch.candidateRequest();
            int row = 0;
            for (int r = 0; r < batch.requests(); r++) {
                int length = historyLengths[r];
                float[] block = variant == Variant.DIN ? perRequest.get(r).toFloatArray() : null; // [n, L]
                for (int first = row; row < requestOf.length && requestOf[row] == r; row++) {
                    int offset = (row - first) * batch.paddedLength();
                    weightsOut[row] = switch (variant) {
                        case DIN -> java.util.Arrays.copyOfRange(block, offset, offset + length);
                        case BASE -> filled(length, 1f);
                        case ITEM_ONLY -> new float[0];
                    };
                }
            }
            return new Explanation(scores, weightsOut);
        }
    }

    private static float[] filled(int length, float value) {
        float[] out = new float[length];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /**
     * Scores with the behaviour weights behind them.
     *
     * @param scores click probability per candidate row
     * @param weights per candidate row, one weight per behaviour of its request, oldest first
     */
    public record Explanation(float[] scores, float[][] weights) {}

    private NDArray logits(CompiledInputs.Arrays in) {
        return logits(in, null);
    }

    private NDArray logits(CompiledInputs.Arrays in, List<NDArray> weightsOut) {
        int c = in.candidates();
        NDArray query = EmbeddingTable.rows(table, in.candidateIds()).reshape(c, pairWidth);
        NDList parts = new NDList();
        if (variant != Variant.ITEM_ONLY) {
            // Padded positions become zero keys: they add nothing to a weighted sum.
            NDArray keys = EmbeddingTable.rows(table, in.historyIds())
                    .reshape(in.requests(), in.length(), pairWidth)
                    .muli(in.mask());
            parts.add(
                    attention != null
                            ? attention.interest(query, keys, in, normalization, weightsOut)
                            : sumPooled(keys, in));
        }
        parts.add(query);
        if (in.profileIds() != null) {
            parts.add(
                    in.perCandidate(EmbeddingTable.rows(table, in.profileIds()).reshape(in.requests(), -1)));
        }
        if (in.numeric() != null) {
            parts.add(in.perCandidate(in.numeric()));
        }
        NDArray x = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
        for (CompiledLayer layer : top) {
            x = layer.apply(x);
        }
        return logit.apply(x).reshape(c);
    }

    /** The paper's BaseModel: every valid behaviour weighs 1. */
    private NDArray sumPooled(NDArray maskedKeys, CompiledInputs.Arrays in) {
        return in.perCandidate(maskedKeys.sum(new int[] {1}));
    }

    @Override
    public void close() {
        weights.close();
    }
}
