package io.dinserving.train.io;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.train.Sample;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a pre-built sample file, so it can be trained on and evaluated without the log pipeline. */
public final class SampleFileReader {

    private final SampleFileLayout layout;
    private final RowErrors errors;

    public SampleFileReader(SampleFileLayout layout, RowErrors errors) {
        this.layout = layout;
        this.errors = errors;
    }

    /**
     * Reads every well-formed row. Histories longer than {@code maxLength} keep their most recent
     * ids, which are the last ones in a sequence column.
     */
    public SampleSet read(Path file, int maxLength) {
        FeatureSpec spec = layout.spec(maxLength);
        List<Sample> samples = new ArrayList<>();
        ItemCatalogue.Builder catalogue = ItemCatalogue.builder();
        Pattern split = Pattern.compile(Pattern.quote(layout.sequenceDelimiter()));
        List<AttentionPair> pairs = layout.attention();
        try (DelimitedFile in = DelimitedFile.open(file, layout.delimiter(), true, StandardCharsets.UTF_8)) {
            int[] candidateColumns =
                    pairs.stream().mapToInt(p -> in.column(p.candidate())).toArray();
            int[] sequenceColumns =
                    pairs.stream().mapToInt(p -> in.column(p.sequence())).toArray();
            int[] categoricalColumns = layout.categorical().stream()
                    .mapToInt(f -> in.column(f.name()))
                    .toArray();
            int[] numericColumns =
                    layout.numeric().stream().mapToInt(f -> in.column(f.name())).toArray();
            int label = in.column(layout.label());
            int user = layout.user() == null ? -1 : in.column(layout.user());
            int splitColumn = layout.split() == null ? -1 : in.column(layout.split());
            int time = layout.timestamp() == null ? -1 : in.column(layout.timestamp());
            in.rows().forEach(row -> {
                try {
                    List<String> candidate = new ArrayList<>(pairs.size());
                    for (int c : candidateColumns) {
                        candidate.add(row.optional(c));
                    }
                    List<List<String>> history = history(row, sequenceColumns, split, maxLength);
                    Map<String, String> categorical = new HashMap<>();
                    for (int i = 0; i < categoricalColumns.length; i++) {
                        categorical.put(layout.categorical().get(i).name(), row.optional(categoricalColumns[i]));
                    }
                    Map<String, Double> numeric = new HashMap<>();
                    for (int i = 0; i < numericColumns.length; i++) {
                        NumericFeature f = layout.numeric().get(i);
                        numeric.put(f.name(), row.optionalDouble(numericColumns[i], f.name()));
                    }
                    int y = row.requiredLabel(label);
                    Split s = splitColumn < 0 ? Split.TRAIN : parseSplit(row, splitColumn);
                    samples.add(new Sample(
                            user < 0 ? null : row.optional(user),
                            time < 0 ? row.line() : row.requiredLong(time, "timestamp"),
                            candidate,
                            history,
                            List.of(),
                            categorical,
                            numeric,
                            y,
                            s));
                    catalogue.addTokens(spec, candidate);
                    history.forEach(behaviour -> catalogue.addTokens(spec, behaviour));
                } catch (MalformedRowException e) {
                    errors.handle(e);
                }
            });
        }
        return new SampleSet(file.toString(), spec, samples, catalogue.build());
    }

    private static List<List<String>> history(DelimitedFile.Row row, int[] columns, Pattern split, int maxLength) {
        List<String[]> sequences = new ArrayList<>(columns.length);
        for (int c : columns) {
            String value = row.get(c);
            sequences.add(value.isBlank() ? new String[0] : split.split(value, -1));
        }
        int length = sequences.get(0).length;
        for (int p = 1; p < columns.length; p++) {
            // A blank field is either no ids or one empty id; the first sequence, whose ids are never
            // empty, tells which. So a one-behaviour history with a missing attribute round-trips.
            if (length == 1 && sequences.get(p).length == 0) {
                sequences.set(p, new String[] {""});
            }
        }
        for (int p = 1; p < columns.length; p++) {
            if (sequences.get(p).length != length) {
                throw row.error(
                        columns[p],
                        "sequence has " + sequences.get(p).length + " ids but the paired sequence in column "
                                + (columns[0] + 1) + " has " + length);
            }
        }
        int first = Math.max(0, length - maxLength);
        List<List<String>> history = new ArrayList<>(length - first);
        for (int t = first; t < length; t++) {
            String[] behaviour = new String[columns.length];
            for (int p = 0; p < columns.length; p++) {
                String id = sequences.get(p)[t].trim();
                if (p == 0 && id.isEmpty()) {
                    throw row.error(columns[0], "sequence holds an empty id at position " + (t + 1));
                }
                behaviour[p] = id.isEmpty() ? null : id;
            }
            history.add(Arrays.asList(behaviour));
        }
        return history;
    }

    private static Split parseSplit(DelimitedFile.Row row, int column) {
        try {
            return Split.parse(row.required(column, "split"));
        } catch (IllegalArgumentException e) {
            throw row.error(column, e.getMessage());
        }
    }

    /**
     * Parses {@code movieId=histMovieIds} attention declarations, in order: the first is the item,
     * every later one an item attribute named after its candidate column. Each pair's vocabulary is
     * named after its candidate column.
     */
    public static List<AttentionPair> parsePairs(List<String> declarations) {
        List<AttentionPair> pairs = new ArrayList<>();
        for (String declaration : declarations) {
            String[] parts = declaration.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("attention pair '" + declaration + "' must read candidate=sequence");
            }
            String candidate = parts[0].trim();
            String sequence = parts[1].trim();
            pairs.add(
                    pairs.isEmpty()
                            ? AttentionPair.item(candidate, sequence)
                            : AttentionPair.attribute(candidate, sequence));
        }
        return pairs;
    }
}
