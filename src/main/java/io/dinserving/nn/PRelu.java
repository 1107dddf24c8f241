package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Parametric ReLU with one learned slope per channel: {@code max(x, 0) + alpha * min(x, 0)}.
 *
 * <p>Written here because DJL's {@code ai.djl.nn.core.Prelu} fails on the PyTorch engine.
 *
 * <p>Shapes: {@code [N, channels]} in, the same out.
 */
final class PRelu extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Parameter alpha;

    public PRelu(int channels) {
        super(VERSION);
        alpha = addParameter(Parameter.builder()
                .setName("alpha")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(channels))
                .optInitializer(new ConstantInitializer(0.25f))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray slope = store.getValue(alpha, x.getDevice(), training);
        return new NDList(x.maximum(0f).add(x.minimum(0f).mul(slope)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
