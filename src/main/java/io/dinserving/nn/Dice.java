package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Dice, the data-adaptive activation of the DIN paper: {@code p * x + (1 - p) * alpha * x} with
 * {@code p = sigmoid(batchnorm(x))}. The normalisation has no scale or shift of its own and uses
 * its running statistics at inference, so a single request scores as it would in a batch.
 *
 * <p>Shapes: {@code [N, channels]} in, the same out.
 */
public final class Dice extends AbstractBlock {

    private static final byte VERSION = 1;

    /** The normalisation's epsilon: small, as the statistics are of pre-activations, not inputs. */
    static final float EPSILON = 1e-8f;

    private final Parameter alpha;
    private final BatchNorm norm;

    public Dice(int channels) {
        super(VERSION);
        alpha = addParameter(Parameter.builder()
                .setName("alpha")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(channels))
                .optInitializer(new ConstantInitializer(0f))
                .build());
        norm = addChildBlock(
                "norm",
                BatchNorm.builder()
                        .optAxis(1)
                        .optCenter(false)
                        .optScale(false)
                        .optEpsilon(EPSILON)
                        .optMomentum(0.99f)
                        .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray p = ai.djl.nn.Activation.sigmoid(
                norm.forward(store, new NDList(x), training).singletonOrThrow());
        NDArray a = store.getValue(alpha, x.getDevice(), training);
        // p*x + (1-p)*a*x  ==  x * (a + p - p*a). Every op starts from an array of this pass, so no
        // result lands on the parameter's long-lived manager.
        return new NDList(p.sub(p.mul(a)).add(a).mul(x));
    }

    BatchNorm norm() {
        return norm;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
