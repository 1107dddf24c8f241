package io.dinserving.feature;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one declaration of every model input.
 *
 * <ul>
 *   <li>{@code attention}: candidate columns, each paired with the behaviour-sequence column it is
 *       weighed against. Both sides of a pair share one vocabulary and one embedding table. The
 *       first pair is the item id; a behaviour is the tuple of one token per pair.
 *   <li>{@code profile}: categorical user or context features, one embedding table each.
 *   <li>{@code numeric}: numeric user or context features, normalised with training statistics.
 * </ul>
 *
 * @param attention at least one attention pair; the first is the item
 * @param profile categorical profile and context features
 * @param numeric numeric profile and context features
 * @param maxLength how many of the most recent behaviours are kept
 */
public record FeatureSpec(
        List<AttentionPair> attention,
        List<CategoricalFeature> profile,
        List<NumericFeature> numeric,
        int maxLength) {

    public FeatureSpec {
        attention = List.copyOf(Objects.requireNonNull(attention, "attention"));
        profile = List.copyOf(Objects.requireNonNull(profile, "profile"));
        numeric = List.copyOf(Objects.requireNonNull(numeric, "numeric"));
        if (attention.isEmpty()) {
            throw new IllegalArgumentException("a feature spec needs at least one attention pair (the item)");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
        }
        Set<String> names = new HashSet<>();
        for (String name : allColumnNames(attention, profile, numeric)) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("column '" + name + "' is declared twice");
            }
        }
    }

    /** The common layout of behaviour logs: item id and, optionally, category. */
    public static FeatureSpec forBehaviourLogs(
            boolean withCategory, List<CategoricalFeature> profile, List<NumericFeature> numeric, int maxLength) {
        List<AttentionPair> pairs = new ArrayList<>();
        pairs.add(new AttentionPair(ITEM, HISTORY_ITEMS, ITEM));
        if (withCategory) {
            pairs.add(new AttentionPair(CATEGORY, HISTORY_CATEGORIES, CATEGORY));
        }
        return new FeatureSpec(pairs, profile, numeric, maxLength);
    }

    /** Column name of the candidate item in log-derived specs. */
    public static final String ITEM = "itemId";
    /** Column name of the candidate category in log-derived specs. */
    public static final String CATEGORY = "category";
    /** Column name of the history items in log-derived specs. */
    public static final String HISTORY_ITEMS = "historyItemIds";
    /** Column name of the history categories in log-derived specs. */
    public static final String HISTORY_CATEGORIES = "historyCategories";

    /** The attention pair of the item id. */
    public AttentionPair item() {
        return attention.get(0);
    }

    /** The attention pair of the category, if the spec has one named {@link #CATEGORY}. */
    public Optional<AttentionPair> category() {
        return attention.stream().filter(p -> p.candidate().equals(CATEGORY)).findFirst();
    }

    /** Names of every vocabulary the spec needs, each once. */
    public List<String> vocabularyNames() {
        Set<String> names = new LinkedHashSet<>();
        attention.forEach(p -> names.add(p.vocabulary()));
        profile.forEach(f -> names.add(f.vocabulary()));
        return List.copyOf(names);
    }

    /** Width of the numeric input after missing-value flags are added. */
    public int numericWidth() {
        return numeric.stream().mapToInt(f -> f.missingFlag() ? 2 : 1).sum();
    }

    private static List<String> allColumnNames(
            List<AttentionPair> attention, List<CategoricalFeature> profile, List<NumericFeature> numeric) {
        List<String> names = new ArrayList<>();
        attention.forEach(p -> {
            names.add(p.candidate());
            names.add(p.sequence());
        });
        profile.forEach(f -> names.add(f.name()));
        numeric.forEach(f -> names.add(f.name()));
        return names;
    }

    /**
     * A candidate column and the behaviour-sequence column weighed against it.
     *
     * @param candidate the candidate's column, e.g. {@code movieId}
     * @param sequence the history column, e.g. {@code histHighRatedMovieIds}
     * @param vocabulary the vocabulary and embedding table both sides share
     */
    public record AttentionPair(String candidate, String sequence, String vocabulary) {
        public AttentionPair {
            requireName(candidate, "candidate");
            requireName(sequence, "sequence");
            requireName(vocabulary, "vocabulary");
        }
    }

    /**
     * A categorical profile or context feature, e.g. gender or occupation.
     *
     * @param name the column name, also the name clients use
     * @param vocabulary the vocabulary (usually the same as the name)
     */
    public record CategoricalFeature(String name, String vocabulary) {
        public CategoricalFeature {
            requireName(name, "name");
            requireName(vocabulary, "vocabulary");
        }

        public CategoricalFeature(String name) {
            this(name, name);
        }
    }

    /**
     * A numeric profile or context feature.
     *
     * @param name the column name
     * @param normalization how values are scaled with training statistics
     * @param missingFlag whether a 0/1 "was missing" input follows the value
     */
    public record NumericFeature(String name, Normalization normalization, boolean missingFlag) {
        public NumericFeature {
            requireName(name, "name");
            Objects.requireNonNull(normalization, "normalization");
        }
    }

    /** Scaling of a numeric feature, fitted on the training split. */
    public enum Normalization {
        /** (x - mean) / std. */
        Z_SCORE,
        /** (x - min) / (max - min). */
        MIN_MAX,
        /** The value as it is. */
        NONE
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
