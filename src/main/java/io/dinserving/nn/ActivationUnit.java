package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.dinserving.nn.ModelConfig.Activation;
import java.util.List;

/**
 * The local activation unit of DIN: an MLP over {@code [q, k, q - k, q * k]} that scores how much
 * each past behaviour k says about the candidate q.
 *
 * <p>The first layer keeps the paper's parameters, one weight {@code W = [W1 W2 W3 W4]} over the
 * concatenation, but is computed in factored form: {@code W [q, k, q - k, q * k] = (W1 + W3) q +
 * (W2 - W3) k + W4 (q * k)}. The key term is computed once per request history and the query term
 * once per candidate; only the product term runs on every (candidate, position) pair. With one
 * request and many candidates, as in serving, this removes most of the first layer's work, while
 * training sees exactly the function and gradients of the concatenated form.
 *
 * <p>Inputs: query {@code [C, D]}, request keys {@code [R, L, D]}, the keys gathered per candidate
 * {@code [C, L, D]}, and the request index of each candidate {@code [C]}. Output: raw scores
 * {@code [C, L]}.
 */
final class ActivationUnit extends AbstractBlock {

    private static final byte VERSION = 2;

    private final int width;
    private final int firstWidth;
    private final Parameter weight;
    private final Parameter bias;
    private final Block firstActivation;
    /** Hidden layers after the first; null when there is only one. */
    private final SequentialBlock rest;

    private final Linear score;

    /**
     * @param width D, the width of a query and of a key
     * @param hidden hidden widths of the MLP, at least one
     */
    public ActivationUnit(int width, List<Integer> hidden, Activation activation) {
        super(VERSION);
        if (hidden.isEmpty()) {
            throw new IllegalArgumentException("the attention MLP needs at least one hidden layer");
        }
        this.width = width;
        this.firstWidth = hidden.get(0);
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(firstWidth, 4L * width))
                .build());
        this.bias = addParameter(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(firstWidth))
                .build());
        this.firstActivation = addChildBlock("activation", Mlp.activation(activation, firstWidth));
        this.rest = hidden.size() == 1
                ? null
                : addChildBlock("mlp", Mlp.hidden(hidden.subList(1, hidden.size()), activation, false, 0f));
        this.score = addChildBlock("score", Linear.builder().setUnits(1).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray query = inputs.get(0);
        NDArray requestKeys = inputs.get(1);
        NDArray keys = inputs.get(2);
        NDArray request = inputs.get(3);
        long c = keys.getShape().get(0);
        long l = keys.getShape().get(1);
        long r = requestKeys.getShape().get(0);
        var device = query.getDevice();
        NDArray w = store.getValue(weight, device, training);
        // Slices of a parameter land on the model's long-lived manager; move them to this pass's so
        // they are freed with it. Everything derived from them then follows them there.
        NDManager pass = query.getManager();
        NDArray w3 = block(w, 2, pass);
        NDArray a = block(w, 0, pass).add(w3);
        NDArray b = block(w, 1, pass).sub(w3);
        NDArray p = block(w, 3, pass);
        NDArray bias0 = store.getValue(bias, device, training);

        NDArray queryTerm = query.matMul(a.transpose()).add(bias0).expandDims(1); // [C, 1, H]
        NDArray keyTerm = EmbeddingTable.perCandidate(
                        requestKeys.reshape(r * l, width).matMul(b.transpose()).reshape(r, l * firstWidth), request)
                .reshape(c, l, firstWidth); // [C, L, H], computed per request then gathered
        NDArray productTerm = query.expandDims(1)
                .mul(keys)
                .reshape(c * l, width)
                .matMul(p.transpose())
                .reshape(c, l, firstWidth);
        NDArray first = productTerm.add(keyTerm).add(queryTerm).reshape(c * l, firstWidth);
        NDArray hidden =
                firstActivation.forward(store, new NDList(first), training).singletonOrThrow();
        if (rest != null) {
            hidden = rest.forward(store, new NDList(hidden), training).singletonOrThrow();
        }
        return new NDList(score.forward(store, new NDList(hidden), training)
                .singletonOrThrow()
                .reshape(c, l));
    }

    /** Columns {@code [i D, (i + 1) D)} of the first layer's weight, attached to the pass. */
    private NDArray block(NDArray w, int i, NDManager pass) {
        NDArray columns = w.get(new NDIndex(":, {}:{}", i * width, (i + 1) * width));
        columns.attach(pass);
        return columns;
    }

    int width() {
        return width;
    }

    int firstWidth() {
        return firstWidth;
    }

    Block firstActivation() {
        return firstActivation;
    }

    /** The hidden layers after the first, or null. */
    SequentialBlock rest() {
        return rest;
    }

    Linear score() {
        return score;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = new Shape(1, firstWidth);
        firstActivation.initialize(manager, dataType, in);
        Shape out = in;
        if (rest != null) {
            rest.initialize(manager, dataType, in);
            out = rest.getOutputShapes(new Shape[] {in})[0];
        }
        score.initialize(manager, dataType, out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape keys = inputShapes[2];
        return new Shape[] {new Shape(keys.get(0), keys.get(1))};
    }
}
