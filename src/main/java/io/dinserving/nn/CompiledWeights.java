package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * Derives inference weights from parameters on the host and places them on the device once, in the
 * compiled graph's own manager. Doing the arithmetic in Java keeps every derived array contiguous and
 * out of the model's long-lived manager, where an op on a parameter would otherwise leave its result.
 */
final class CompiledWeights {

    private final NDManager manager;

    CompiledWeights(NDManager manager) {
        this.manager = manager;
    }

    NDArray vector(float[] values) {
        return manager.create(values);
    }

    NDArray matrix(float[] values, int rows, int cols) {
        return manager.create(values, new Shape(rows, cols));
    }

    /** A parameter's values on the host, or null where the block has no such parameter. */
    static float[] host(Block block, String name) {
        Parameter parameter = block.getParameters().get(name);
        return parameter == null || !parameter.isInitialized()
                ? null
                : parameter.getArray().toFloatArray();
    }

    /** A parameter's values on the host; the block must have it. */
    static float[] required(Block block, String name) {
        float[] values = host(block, name);
        if (values == null) {
            throw new IllegalStateException(
                    block.getClass().getSimpleName() + " has no initialised parameter '" + name + "'");
        }
        return values;
    }
}
