package io.dinserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.dinserving.model.ModelConfig.Activation;
import java.util.List;

/**
 * The local activation unit of DIN: an MLP over {@code [q, k, q - k, q * k]} that scores how much
 * each past behaviour k says about the candidate q.
 *
 * <p>Inputs: query {@code [C, D]}, keys {@code [C, L, D]}. Output: raw scores {@code [C, L]}.
 */
public final class ActivationUnit extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int width;
    private final SequentialBlock mlp;
    private final Linear score;

    /**
     * @param width D, the width of a query and of a key
     * @param hidden hidden widths of the MLP
     */
    public ActivationUnit(int width, List<Integer> hidden, Activation activation) {
        super(VERSION);
        this.width = width;
        this.mlp = addChildBlock("mlp", Mlp.hidden(hidden, activation, false, 0f));
        this.score = addChildBlock("score", Linear.builder().setUnits(1).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray query = inputs.get(0);
        NDArray keys = inputs.get(1);
        long c = keys.getShape().get(0);
        long l = keys.getShape().get(1);
        NDArray q = query.expandDims(1).broadcast(keys.getShape());
        NDArray features = NDArrays.concat(new NDList(q, keys, q.sub(keys), q.mul(keys)), 2)
                .reshape(c * l, 4L * width);
        NDArray hidden = mlp.forward(store, new NDList(features), training).singletonOrThrow();
        return new NDList(score.forward(store, new NDList(hidden), training).singletonOrThrow().reshape(c, l));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = new Shape(1, 4L * width);
        mlp.initialize(manager, dataType, in);
        score.initialize(manager, dataType, mlp.getOutputShapes(new Shape[] {in}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape keys = inputShapes[1];
        return new Shape[] {new Shape(keys.get(0), keys.get(1))};
    }
}
