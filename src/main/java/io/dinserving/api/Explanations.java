package io.dinserving.api;

import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.Item;
import io.dinserving.nn.CompiledDin;
import io.dinserving.nn.ModelConfig;
import io.dinserving.ranking.BehaviourWeight;
import io.dinserving.ranking.RankedItem;
import io.dinserving.ranking.Ranker;
import io.dinserving.serving.ScoringVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A ranking with, for each item, the weight each behaviour the model used got for it. */
final class Explanations {

    private Explanations() {}

    /** An explained response; the version has an architecture, as the validator checked. */
    static RecommendResponse response(
            ScoringVersion model, ValidRequest request, EncodedRequest encoded, long started) {
        List<RankedItem> ranked = rank(model, request, encoded);
        ModelConfig architecture = model.architecture();
        return new RecommendResponse(
                model.version(),
                ranked,
                (System.nanoTime() - started) / 1e6,
                request.history(),
                request.warnings(),
                architecture.variant().label(),
                weightKind(architecture));
    }

    /** Ranks the candidates as the batched path would, with behaviour weights and display names. */
    private static List<RankedItem> rank(ScoringVersion model, ValidRequest request, EncodedRequest encoded) {
        List<String> ids = request.ids();
        CompiledDin.Explanation explanation = model.explain(encoded);
        // The model used the most recent behaviours, as many as the encoded history holds.
        List<Item> behaviours = request.behaviours();
        List<Item> used =
                behaviours.subList(behaviours.size() - encoded.context().length(), behaviours.size());
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            rowOf.put(ids.get(i), i);
        }
        List<RankedItem> ranked = Ranker.rank(ids, explanation.scores(), request.topK());
        List<RankedItem> out = new ArrayList<>(ranked.size());
        for (RankedItem item : ranked) {
            float[] weights = explanation.weights()[rowOf.get(item.itemId())];
            List<BehaviourWeight> attention = new ArrayList<>(weights.length);
            for (int t = 0; t < weights.length; t++) {
                String id = used.get(t).id();
                attention.add(new BehaviourWeight(id, model.itemName(id), weights[t]));
            }
            out.add(item.explained(model.itemName(item.itemId()), attention));
        }
        return out;
    }

    /** What the weights are, for the response's {@code attentionWeights}. */
    static String weightKind(ModelConfig architecture) {
        return switch (architecture.variant()) {
            case DIN ->
                switch (architecture.weightNormalization()) {
                    case NONE -> "raw";
                    case SOFTMAX -> "softmax";
                    case SIGMOID -> "sigmoid";
                };
            case BASE -> "uniform";
            case ITEM_ONLY -> "none";
        };
    }
}
