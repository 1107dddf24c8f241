package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.feature.Vocabulary;
import io.dinserving.nn.ModelConfig.Variant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deep Interest Network: wires embeddings, attention pooling and the top MLP.
 *
 * <p>Inputs, the compact batch of {@link DinInputs}:
 *
 * <ol>
 *   <li>history ids {@code [R, P, L]} (P attention pairs, 0 = padding)
 *   <li>profile ids {@code [R, F]}
 *   <li>numeric features {@code [R, N]}
 *   <li>candidate ids {@code [C, P]}
 *   <li>candidate request index {@code [C]}
 * </ol>
 *
 * Output: one logit per candidate, {@code [C]}. Request-level tensors are embedded once per request
 * and gathered per candidate here, on the model's device.
 */
public final class DinBlock extends AbstractBlock {

    private static final byte VERSION = 2;

    private final FeatureSpec spec;
    private final Map<String, EmbeddingTable> tablesByVocabulary = new HashMap<>();
    private final ModelConfig config;
    private final List<EmbeddingTable> pairTables = new ArrayList<>();
    private final List<EmbeddingTable> profileTables = new ArrayList<>();
    private final AttentionPooling pooling;
    private final SequentialBlock top;
    private final Linear logit;
    private final int pairWidth;
    private final int topInputs;

    public DinBlock(FittedFeatures features, ModelConfig config) {
        super(VERSION);
        this.spec = features.spec();
        this.config = config;
        int dim = config.embeddingDim();
        // Both sides of a pair share one table, so history and candidate embed alike; a profile
        // feature naming the same vocabulary shares it too.
        Map<String, EmbeddingTable> byVocabulary = tablesByVocabulary;
        java.util.function.Function<String, EmbeddingTable> table = vocabulary -> byVocabulary.computeIfAbsent(
                vocabulary, v -> addChildBlock("embedding_" + v, new EmbeddingTable(features.vocabularySize(v), dim)));
        spec.attention().forEach(pair -> pairTables.add(table.apply(pair.vocabulary())));
        spec.categorical().forEach(feature -> profileTables.add(table.apply(feature.vocabulary())));
        this.pairWidth = spec.attention().size() * dim;
        this.pooling = config.variant() == Variant.ITEM_ONLY
                ? null
                : addChildBlock(
                        "pooling",
                        new AttentionPooling(
                                config.variant() == Variant.DIN
                                        ? new ActivationUnit(pairWidth, config.attentionHidden(), config.activation())
                                        : null,
                                config.weightNormalization()));
        this.topInputs = (pooling == null ? 0 : pairWidth)
                + pairWidth
                + spec.categorical().size() * dim
                + spec.numericWidth();
        this.top = addChildBlock(
                "top", Mlp.hidden(config.topHidden(), config.activation(), config.batchNorm(), config.dropout()));
        this.logit = addChildBlock("logit", Linear.builder().setUnits(1).build());
    }

    /**
     * {@code sum_j weights[j] * ||table[ids[j]]||^2} over one vocabulary's table, differentiable with
     * respect to it: the DIN paper's mini-batch-aware L2 for the ids a batch uses. The result lives
     * in the manager of {@code ids}.
     *
     * @param ids int64 {@code [U]}, distinct
     * @param weights float32 {@code [U]}
     */
    public NDArray embeddingPenalty(ParameterStore store, String vocabulary, NDArray ids, NDArray weights) {
        EmbeddingTable table = tablesByVocabulary.get(vocabulary);
        if (table == null) {
            throw new IllegalArgumentException("no embedding table for vocabulary '" + vocabulary + "'");
        }
        NDArray rows = table.forward(store, new NDList(ids), true).singletonOrThrow(); // [U, E]
        return rows.square().sum(new int[] {1}).mul(weights).sum();
    }

    /** Input shapes for initialising a fresh block of this spec: one request, one candidate. */
    public static Shape[] inputShapes(FeatureSpec spec) {
        int pairs = spec.attention().size();
        return new Shape[] {
            new Shape(1, pairs, spec.maxLength()),
            new Shape(1, spec.categorical().size()),
            new Shape(1, spec.numericWidth()),
            new Shape(1, pairs),
            new Shape(1)
        };
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray history = inputs.get(0);
        NDArray profile = inputs.get(1);
        NDArray numeric = inputs.get(2);
        NDArray candidates = inputs.get(3);
        NDArray request = inputs.get(4);
        long c = candidates.getShape().get(0);

        NDList candidateParts = new NDList();
        for (int p = 0; p < pairTables.size(); p++) {
            candidateParts.add(embed(store, pairTables.get(p), candidates.get(new NDIndex(":, {}", p)), training));
        }
        NDArray query = concat(candidateParts, 1); // [C, P*E]

        NDList parts = new NDList();
        if (pooling != null) {
            NDList historyParts = new NDList();
            for (int p = 0; p < pairTables.size(); p++) {
                historyParts.add(embed(store, pairTables.get(p), history.get(new NDIndex(":, {}, :", p)), training));
            }
            NDArray keys = concat(historyParts, 2); // [R, L, P*E], embedded once per request
            NDArray mask =
                    history.get(new NDIndex(":, 0, :")).neq(Vocabulary.PADDING).toType(DataType.FLOAT32, false);
            parts.add(pooling.forward(store, new NDList(query, keys, mask, request), training)
                    .singletonOrThrow());
        }
        parts.add(query);
        if (!profileTables.isEmpty()) {
            NDList profileParts = new NDList();
            for (int f = 0; f < profileTables.size(); f++) {
                profileParts.add(embed(store, profileTables.get(f), profile.get(new NDIndex(":, {}", f)), training));
            }
            parts.add(EmbeddingTable.perCandidate(concat(profileParts, 1), request));
        }
        if (numeric.getShape().get(1) > 0) {
            parts.add(EmbeddingTable.perCandidate(numeric, request));
        }
        NDArray x = concat(parts, 1);
        NDArray hidden = top.forward(store, new NDList(x), training).singletonOrThrow();
        return new NDList(logit.forward(store, new NDList(hidden), training)
                .singletonOrThrow()
                .reshape(c));
    }

    private static NDArray embed(ParameterStore store, EmbeddingTable table, NDArray ids, boolean training) {
        return table.forward(store, new NDList(ids), training).singletonOrThrow();
    }

    private static NDArray concat(NDList parts, int axis) {
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, axis);
    }

    FeatureSpec spec() {
        return spec;
    }

    ModelConfig config() {
        return config;
    }

    AttentionPooling pooling() {
        return pooling;
    }

    SequentialBlock top() {
        return top;
    }

    Linear logit() {
        return logit;
    }

    /** Width of a query or a key: the attention pairs' embeddings side by side. */
    int pairWidth() {
        return pairWidth;
    }

    /**
     * Every embedding table once, stacked row-wise on the host, with the row offset at which each
     * attention pair's and each profile feature's table starts. Tables shared by vocabulary appear
     * once.
     */
    StackedTables stackedTables() {
        Map<EmbeddingTable, Integer> offsets = new IdentityHashMap<>();
        List<float[]> parts = new ArrayList<>();
        int rows = 0;
        for (EmbeddingTable table : concatenated(pairTables, profileTables)) {
            if (!offsets.containsKey(table)) {
                offsets.put(table, rows);
                parts.add(table.hostValues());
                rows += table.rows();
            }
        }
        int dim = config.embeddingDim();
        float[] values = new float[rows * dim];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, values, at, part.length);
            at += part.length;
        }
        return new StackedTables(
                values,
                rows,
                dim,
                pairTables.stream().mapToLong(offsets::get).toArray(),
                profileTables.stream().mapToLong(offsets::get).toArray());
    }

    private static List<EmbeddingTable> concatenated(List<EmbeddingTable> a, List<EmbeddingTable> b) {
        List<EmbeddingTable> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The embedding tables stacked into one {@code [rows, dim]} table. */
    record StackedTables(float[] values, int rows, int dim, long[] pairOffsets, long[] profileOffsets) {}

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (var child : getChildren().values()) {
            if (child instanceof EmbeddingTable table) {
                table.initialize(manager, dataType, new Shape(1));
            }
        }
        if (pooling != null) {
            pooling.initialize(
                    manager,
                    dataType,
                    new Shape(1, pairWidth),
                    new Shape(1, 1, pairWidth),
                    new Shape(1, 1),
                    new Shape(1));
        }
        Shape in = new Shape(1, topInputs);
        top.initialize(manager, dataType, in);
        logit.initialize(manager, dataType, top.getOutputShapes(new Shape[] {in}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[3].get(0))};
    }
}
