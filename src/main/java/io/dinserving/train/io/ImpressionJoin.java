package io.dinserving.train.io;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.impressions.Impression;
import io.dinserving.train.Sample;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Samples from the impression log joined with later clicks: each shown item of a ranking is a
 * positive when its user clicked it within the window after the ranking, a negative otherwise. The
 * history is the one the impression recorded, exactly what the model saw; nothing is rebuilt from
 * later data, so a sample can never see its own click.
 *
 * <p>Splits follow time: the oldest rankings train, the next ones validate, the latest test, so a
 * model is always judged on rankings after the ones it learned from.
 */
public final class ImpressionJoin {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Duration window;
    private final Set<String> clickTypes;
    private final double holdoutShare;
    private final int maxLength;

    /**
     * @param window how long after a ranking a click still counts for it
     * @param clickTypes the event types that count as clicks; empty for every type
     * @param holdoutShare the share of the latest rankings held out for test, and again for validation
     * @param maxLength the history length kept, as training would keep it
     */
    public ImpressionJoin(Duration window, Set<String> clickTypes, double holdoutShare, int maxLength) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the click window must be positive, was " + window);
        }
        if (holdoutShare <= 0 || holdoutShare >= 0.5) {
            throw new IllegalArgumentException("the holdout share must be in (0, 0.5), was " + holdoutShare);
        }
        this.window = window;
        this.clickTypes = Set.copyOf(clickTypes);
        this.holdoutShare = holdoutShare;
        this.maxLength = maxLength;
    }

    /** A click: an event of a counted type. */
    record Click(long time, String itemId) {}

    /**
     * @param impressions a directory of {@code .jsonl} impression files, or one file
     * @param events a file or directory of {@code .jsonl} events: one event per line, or a batch in
     *     the shape of {@code POST /events}
     */
    public SampleSet join(Path impressions, Path events, RowErrors errors) {
        Map<String, List<Click>> clicks = readClicks(events, errors);
        List<Impression> shown = readImpressions(impressions, errors);
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("no impressions in " + impressions);
        }
        shown.sort(Comparator.comparingLong(Impression::time));
        List<String> attention = shown.get(0).attention();
        FeatureSpec spec = spec(attention, shown);
        ItemCatalogue.Builder catalogue = ItemCatalogue.builder();
        List<Sample> samples = new ArrayList<>();
        int test = (int) Math.round(shown.size() * holdoutShare);
        int validation = (int) Math.round((shown.size() - test) * holdoutShare);
        for (int i = 0; i < shown.size(); i++) {
            Impression impression = shown.get(i);
            if (!impression.attention().equals(attention)) {
                throw new IllegalArgumentException("impression " + impression.requestId() + " names its tokens "
                        + impression.attention() + ", the log's first names them " + attention
                        + "; join the log of one model's features at a time");
            }
            Split split = i >= shown.size() - test
                    ? Split.TEST
                    : i >= shown.size() - test - validation ? Split.VALIDATION : Split.TRAIN;
            List<List<String>> history = impression
                    .history()
                    .subList(
                            Math.max(0, impression.history().size() - maxLength),
                            impression.history().size());
            history.forEach(tokens -> catalogue.addTokens(spec, tokens));
            Map<String, String> categorical = new HashMap<>();
            Map<String, Double> numeric = new HashMap<>();
            profile(impression.userFeatures(), categorical, numeric);
            profile(impression.context(), categorical, numeric);
            List<Click> userClicks = clicks.getOrDefault(impression.userId(), List.of());
            for (Impression.Shown item : impression.items()) {
                catalogue.addTokens(spec, item.tokens());
                int label = clicked(userClicks, item.itemId(), impression.time()) ? 1 : 0;
                samples.add(new Sample(
                        impression.userId() == null ? impression.requestId() : impression.userId(),
                        impression.time(),
                        item.tokens(),
                        history,
                        List.of(),
                        categorical,
                        numeric,
                        label,
                        split));
            }
        }
        return new SampleSet("impressions " + impressions, spec, samples, catalogue.build());
    }

    /** Whether a click on the item falls in (time, time + window]. */
    private boolean clicked(List<Click> clicks, String itemId, long time) {
        long end = time + window.toMillis();
        int from = Collections.binarySearch(
                clicks,
                new Click(time, "\uffff"),
                Comparator.comparingLong(Click::time).thenComparing(Click::itemId));
        for (int i = from < 0 ? -from - 1 : from + 1;
                i < clicks.size() && clicks.get(i).time() <= end;
                i++) {
            if (clicks.get(i).time() > time && clicks.get(i).itemId().equals(itemId)) {
                return true;
            }
        }
        return false;
    }

    /** Profile and context values: text is categorical, a number numeric, as the service took them. */
    private static void profile(
            Map<String, Object> values, Map<String, String> categorical, Map<String, Double> numeric) {
        if (values == null) {
            return;
        }
        values.forEach((name, value) -> {
            if (value instanceof Number number) {
                numeric.put(name, number.doubleValue());
            } else if (value != null) {
                categorical.put(name, value.toString());
            }
        });
    }

    /** The spec the impressions describe: their tokens, and each profile or context value by its type. */
    private FeatureSpec spec(List<String> attention, List<Impression> impressions) {
        if (attention.isEmpty()) {
            throw new IllegalArgumentException("impressions name no item tokens");
        }
        List<AttentionPair> pairs = new ArrayList<>();
        pairs.add(AttentionPair.item(attention.get(0), FeatureSpec.LOG_HISTORY_ITEMS));
        for (String attribute : attention.subList(1, attention.size())) {
            pairs.add(AttentionPair.attribute(
                    attribute,
                    attribute.equals(FeatureSpec.LOG_CATEGORY)
                            ? FeatureSpec.LOG_HISTORY_CATEGORIES
                            : "history_" + attribute));
        }
        Map<String, Boolean> userNumeric = new TreeMap<>();
        Map<String, Boolean> contextNumeric = new TreeMap<>();
        for (Impression impression : impressions) {
            types(impression.userFeatures(), userNumeric);
            types(impression.context(), contextNumeric);
        }
        List<CategoricalFeature> categorical = new ArrayList<>();
        List<NumericFeature> numeric = new ArrayList<>();
        userNumeric.forEach((name, isNumber) -> {
            if (isNumber) {
                numeric.add(NumericFeature.user(name, FeatureSpec.Normalization.Z_SCORE, true));
            } else {
                categorical.add(CategoricalFeature.user(name));
            }
        });
        contextNumeric.forEach((name, isNumber) -> {
            if (isNumber) {
                numeric.add(
                        new NumericFeature(name, FeatureSpec.Source.CONTEXT, FeatureSpec.Normalization.Z_SCORE, true));
            } else {
                categorical.add(CategoricalFeature.context(name));
            }
        });
        return new FeatureSpec(pairs, categorical, numeric, maxLength);
    }

    private static void types(Map<String, Object> values, Map<String, Boolean> numeric) {
        if (values != null) {
            values.forEach((name, value) -> {
                if (value != null) {
                    numeric.merge(name, value instanceof Number, Boolean::logicalAnd);
                }
            });
        }
    }

    private List<Impression> readImpressions(Path path, RowErrors errors) {
        List<Impression> impressions = new ArrayList<>();
        for (Path file : jsonLines(path)) {
            forEachLine(file, errors, (line, number) -> impressions.add(JSON.readValue(line, Impression.class)));
        }
        return impressions;
    }

    private Map<String, List<Click>> readClicks(Path path, RowErrors errors) {
        Map<String, List<Click>> clicks = new LinkedHashMap<>();
        for (Path file : jsonLines(path)) {
            forEachLine(file, errors, (line, number) -> {
                JsonNode node = JSON.readTree(line);
                JsonNode events = node.get("events");
                if (events != null && events.isArray()) {
                    events.forEach(event -> addClick(event, clicks, file, number));
                } else {
                    addClick(node, clicks, file, number);
                }
            });
        }
        clicks.values()
                .forEach(list -> list.sort(Comparator.comparingLong(Click::time).thenComparing(Click::itemId)));
        return clicks;
    }

    private void addClick(JsonNode event, Map<String, List<Click>> clicks, Path file, long line) {
        JsonNode user = event.get("userId");
        JsonNode item = event.get("itemId");
        JsonNode time = event.get("timestamp");
        if (user == null || item == null || time == null || !time.canConvertToLong()) {
            throw new MalformedRowException(file, line, 0, "an event needs userId, itemId and a numeric timestamp");
        }
        JsonNode type = event.get("type");
        if (clickTypes.isEmpty() || (type != null && clickTypes.contains(type.asString()))) {
            clicks.computeIfAbsent(user.asString(), u -> new ArrayList<>())
                    .add(new Click(time.asLong(), item.asString()));
        }
    }

    @FunctionalInterface
    private interface LineReader {
        void read(String line, long number);
    }

    private static void forEachLine(Path file, RowErrors errors, LineReader reader) {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    reader.read(line, number);
                } catch (JacksonException e) {
                    errors.handle(new MalformedRowException(file, number, 0, e.getOriginalMessage()));
                } catch (MalformedRowException e) {
                    errors.handle(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A file, or a directory's {@code .jsonl} files in name order (the log's files sort by time). */
    private static List<Path> jsonLines(Path path) {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(path + " is neither a file nor a directory");
            }
            return List.of(path);
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }
}
