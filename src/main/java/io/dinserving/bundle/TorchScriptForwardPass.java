package io.dinserving.bundle;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.nn.CompiledDin;
import io.dinserving.nn.ForwardPass;

/**
 * Serves a TorchScript DIN trained elsewhere, on the inputs this service encodes. The module's
 * {@code forward} takes, in this order and on the model's device:
 *
 * <ol>
 *   <li>{@code history}: int64 {@code [C, P, L]}, each candidate's behaviours, pair-major, oldest
 *       first, 0 where padded;
 *   <li>{@code candidate}: int64 {@code [C, P]};
 *   <li>{@code categorical}: int64 {@code [C, F]};
 *   <li>{@code numeric}: float32 {@code [C, N]};
 * </ol>
 *
 * and returns float32 logits {@code [C]}. Ids are the bundle's (0 padding, 1 out-of-vocabulary, 2
 * missing, tokens from 3). The service's compact batch holds each request's rows once; they are
 * repeated per candidate here, on the device, with one gather each.
 */
final class TorchScriptForwardPass implements ForwardPass {

    private final Model model;
    private final FeatureSpec spec;
    private final NDManager manager;

    private TorchScriptForwardPass(Model model, FeatureSpec spec) {
        this.model = model;
        this.spec = spec;
        this.manager = model.getNDManager();
    }

    /**
     * Wraps a loaded module after one trial pass, so a module whose inputs do not fit is refused at
     * load, saying what was expected.
     */
    static TorchScriptForwardPass of(Model model, FeatureSpec spec) {
        TorchScriptForwardPass scorer = new TorchScriptForwardPass(model, spec);
        int pairs = spec.attention().size();
        EncodedBatch trial = new EncodedBatch(
                1,
                pairs,
                1,
                new int[pairs],
                new int[spec.categorical().size()],
                spec.categorical().size(),
                new float[spec.numericWidth()],
                spec.numericWidth(),
                new int[pairs],
                new int[] {0});
        float[] scores;
        try {
            scores = scorer.score(trial);
        } catch (RuntimeException e) {
            throw new BundleException(contract(spec) + "; a trial pass failed: " + firstLine(e), e);
        }
        if (scores.length != 1) {
            throw new BundleException(
                    contract(spec) + "; a trial pass of 1 candidate returned " + scores.length + " values");
        }
        return scorer;
    }

    /** What the module must take and return, with this spec's sizes. */
    static String contract(FeatureSpec spec) {
        return "the TorchScript module must take forward(history: int64 [C, "
                + spec.attention().size() + ", L], "
                + "candidate: int64 [C, " + spec.attention().size() + "], categorical: int64 [C, "
                + spec.categorical().size() + "], numeric: float32 [C, " + spec.numericWidth()
                + "]) and return float32 logits [C]";
    }

    @Override
    public float[] score(EncodedBatch batch) {
        try (NDManager pass = manager.newSubManager()) {
            int r = batch.requests();
            int c = batch.candidates();
            NDArray rows = pass.create(toLong(batch.candidateRequest()), new Shape(c));
            NDList inputs = new NDList(
                    perCandidate(
                            pass.create(toLong(batch.historyIds()), new Shape(r, batch.pairs(), batch.paddedLength())),
                            rows),
                    pass.create(toLong(batch.candidateIds()), new Shape(c, batch.pairs())),
                    perCandidate(pass.create(toLong(batch.profileIds()), new Shape(r, batch.profileWidth())), rows),
                    perCandidate(pass.create(batch.numeric(), new Shape(r, batch.numericWidth())), rows));
            NDList out = model.getBlock().forward(new ParameterStore(pass, false), inputs, false);
            NDArray logits = out.singletonOrThrow();
            if (logits.getShape().dimension() != 1 || logits.getShape().get(0) != c) {
                throw new IllegalStateException("the module returned shape " + logits.getShape() + " for " + c
                        + " candidates; expected [" + c + "]");
            }
            return ai.djl.nn.Activation.sigmoid(logits.toType(DataType.FLOAT32, false))
                    .toFloatArray();
        }
    }

    /** A request-level array repeated for each candidate row: one gather on the first axis. */
    private static NDArray perCandidate(NDArray perRequest, NDArray rows) {
        return perRequest.get(new NDIndex("{}", rows));
    }

    @Override
    public CompiledDin.Explanation explain(EncodedBatch batch, int[] historyLengths) {
        throw new UnsupportedOperationException(
                "an imported TorchScript model cannot show its attention weights; ask without explain");
    }

    @Override
    public void close() {
        // The module's memory belongs to the model, which the bundle closes.
    }

    private static long[] toLong(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
