package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dinserving.feature.EncodedBatch;

/**
 * Turns an encoded batch into the NDArrays {@link DinBlock} takes, created by the given manager and
 * so on its device. Used by the translator at serving time and by the trainer, so both feed the
 * network the same way.
 */
public final class DinInputs {

    private DinInputs() {}

    public static NDList toNDList(NDManager manager, EncodedBatch batch) {
        int r = batch.requests();
        int c = batch.candidates();
        return new NDList(
                ids(manager, batch.historyIds(), new Shape(r, batch.pairs(), batch.paddedLength())),
                ids(manager, batch.profileIds(), new Shape(r, batch.profileWidth())),
                manager.create(batch.numeric(), new Shape(r, batch.numericWidth())),
                ids(manager, batch.candidateIds(), new Shape(c, batch.pairs())),
                ids(manager, batch.candidateRequest(), new Shape(c)));
    }

    private static NDArray ids(NDManager manager, int[] values, Shape shape) {
        return manager.create(values, shape).toType(DataType.INT64, false);
    }
}
