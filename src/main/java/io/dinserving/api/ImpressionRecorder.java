package io.dinserving.api;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.Item;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.impressions.Impression;
import io.dinserving.impressions.ImpressionLog;
import io.dinserving.ranking.RankedItem;
import io.dinserving.serving.ScoringVersion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a sampled ranking into an impression: the history and profile as the model saw them. */
final class ImpressionRecorder {

    private final ImpressionLog log;
    private final Clock clock;

    ImpressionRecorder(ImpressionLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void record(String requestId, ScoringVersion version, ValidRequest valid, List<RankedItem> ranked) {
        if (!log.sampled()) {
            return;
        }
        RequestEncoder encoder = version.encoder();
        List<Item> behaviours = valid.behaviours();
        // The model keeps the most recent maxLength behaviours; so does the impression.
        List<Item> seen = behaviours.subList(
                Math.max(0, behaviours.size() - encoder.spec().maxLength()), behaviours.size());
        List<List<String>> history = new ArrayList<>(seen.size());
        seen.forEach(item -> history.add(encoder.tokens(item)));
        Map<String, Item> candidates = new HashMap<>();
        valid.candidates().forEach(item -> candidates.put(item.id(), item));
        List<Impression.Shown> shown = new ArrayList<>(ranked.size());
        for (RankedItem item : ranked) {
            shown.add(new Impression.Shown(
                    item.itemId(), encoder.tokens(candidates.get(item.itemId())), item.score(), item.rank()));
        }
        log.offer(new Impression(
                requestId,
                clock.millis(),
                version.version(),
                valid.request().userId(),
                encoder.spec().attention().stream()
                        .map(FeatureSpec.AttentionPair::candidate)
                        .toList(),
                history,
                copy(valid.userFeatures()),
                copy(valid.request().context()),
                shown));
    }

    private static Map<String, Object> copy(Map<String, ?> values) {
        return values == null ? Map.of() : new HashMap<>(values);
    }
}
