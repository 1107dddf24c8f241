package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A learned embedding table indexed by the ids of one vocabulary.
 *
 * <p>Shapes: integer ids of any shape {@code [...]} in, {@code [..., dim]} out.
 */
final class EmbeddingTable extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int rows;
    private final int dim;
    private final Parameter weight;

    public EmbeddingTable(int rows, int dim) {
        super(VERSION);
        this.rows = rows;
        this.dim = dim;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, dim))
                .optInitializer(new NormalInitializer(0.05f))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        return new NDList(rows(store.getValue(weight, ids.getDevice(), training), ids));
    }

    /**
     * The row of a per-request array {@code [R, ...]} for each candidate {@code [C, ...]}. With as
     * many requests as candidates the index is the identity (every request has a candidate, and
     * candidates come grouped in request order, see {@link io.dinserving.feature.EncodedBatch}), so
     * the array is returned as it is: in training, where shuffled samples rarely share a request,
     * this skips a copy forward and a scatter backward.
     */
    static NDArray perCandidate(NDArray perRequest, NDArray request) {
        if (perRequest.getShape().get(0) == request.getShape().get(0)) {
            return perRequest;
        }
        return rows(perRequest, request);
    }

    /** Gathers {@code table[ids]}, differentiable with respect to the table. */
    static NDArray rows(NDArray table, NDArray ids) {
        NDArray index = ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
        return Embedding.embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
    }

    int rows() {
        return rows;
    }

    /** The table's current values, row-major, on the host. */
    float[] hostValues() {
        return weight.getArray().toFloatArray();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dim)};
    }
}
