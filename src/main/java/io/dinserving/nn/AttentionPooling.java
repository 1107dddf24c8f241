package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.dinserving.nn.ModelConfig.WeightNormalization;

/**
 * Pools a history into one interest vector per candidate: a weighted sum of the keys. With an
 * activation unit the weights come from attention (DIN); without one every valid position weighs 1
 * (the paper's BaseModel, sum pooling). Padded positions always weigh 0.
 *
 * <p>Inputs: query {@code [C, D]}, keys per request {@code [R, L, D]}, mask per request
 * {@code [R, L]} (1 valid, 0 pad), request index of each candidate {@code [C]}. Output: interest
 * {@code [C, D]}.
 */
final class AttentionPooling extends AbstractBlock {

    private static final byte VERSION = 2;
    /** Softmax logit of a padded position: far below any real score. */
    static final float MASKED_LOGIT = -1e9f;

    private final ActivationUnit unit;
    private final WeightNormalization normalization;

    /** @param unit the activation unit, or null for sum pooling */
    public AttentionPooling(ActivationUnit unit, WeightNormalization normalization) {
        super(VERSION);
        this.unit = unit == null ? null : addChildBlock("unit", unit);
        this.normalization = normalization;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray query = inputs.get(0);
        NDArray requestKeys = inputs.get(1);
        NDArray requestMask = inputs.get(2);
        NDArray request = inputs.get(3);
        long r = requestKeys.getShape().get(0);
        long l = requestKeys.getShape().get(1);
        long d = requestKeys.getShape().get(2);
        if (unit == null) {
            // Sum pooling does not depend on the candidate: pool once per request, then gather.
            NDArray pooled = requestMask.expandDims(1).matMul(requestKeys).reshape(r, d);
            return new NDList(EmbeddingTable.perCandidate(pooled, request));
        }
        long c = query.getShape().get(0);
        NDArray keys = EmbeddingTable.perCandidate(requestKeys.reshape(r, l * d), request)
                .reshape(c, l, d);
        NDArray mask = EmbeddingTable.perCandidate(requestMask, request);
        NDArray scores = unit.forward(store, new NDList(query, requestKeys, keys, request), training)
                .singletonOrThrow();
        NDArray weights = normalize(scores, mask);
        // [C, 1, L] x [C, L, D] -> [C, 1, D]
        return new NDList(weights.expandDims(1).matMul(keys).reshape(c, d));
    }

    private NDArray normalize(NDArray scores, NDArray mask) {
        return switch (normalization) {
            case NONE -> scores.mul(mask);
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(scores).mul(mask);
            // Masked positions get a large negative logit; multiplying by the mask afterwards keeps
            // an empty history at zero weights instead of a uniform spread over padding.
            case SOFTMAX ->
                scores.add(mask.sub(1f).neg().mul(MASKED_LOGIT)).softmax(1).mul(mask);
        };
    }

    /** The activation unit, or null for sum pooling. */
    ActivationUnit unit() {
        return unit;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (unit != null) {
            Shape keys = inputShapes[1];
            unit.initialize(
                    manager,
                    dataType,
                    inputShapes[0],
                    keys,
                    new Shape(inputShapes[0].get(0), keys.get(1), keys.get(2)),
                    inputShapes[3]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
