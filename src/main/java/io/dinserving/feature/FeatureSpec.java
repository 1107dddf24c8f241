package io.dinserving.feature;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one declaration of every model input and of the role each plays. No column name has a
 * meaning of its own: what a feature is comes from where and how it is declared here.
 *
 * <ul>
 *   <li>{@code attention}: candidate columns, each paired with the behaviour-sequence column it is
 *       weighed against. Both sides of a pair share one vocabulary and one embedding table. The
 *       first pair has {@link AttentionPair.Role#ITEM the item role}; every other pair is an
 *       {@link AttentionPair.Role#ATTRIBUTE item attribute} (category, brand, shop…), addressed in
 *       requests by its candidate column name. A behaviour is the tuple of one token per pair.
 *   <li>{@code categorical}: categorical user-profile or context features, one embedding table each.
 *   <li>{@code numeric}: numeric user-profile or context features, scaled with training statistics.
 * </ul>
 *
 * <p>The spec checks itself when it is built, including when a bundle's manifest is read.
 *
 * @param attention the item pair first, then any number of attribute pairs
 * @param categorical categorical profile and context features
 * @param numeric numeric profile and context features
 * @param maxLength how many of the most recent behaviours are kept
 */
public record FeatureSpec(
        List<AttentionPair> attention,
        List<CategoricalFeature> categorical,
        List<NumericFeature> numeric,
        int maxLength) {

    /** Names an item object in a request already uses, so no attribute may take them. */
    public static final Set<String> RESERVED_ITEM_FIELDS = Set.of("itemId", "timestamp");

    public FeatureSpec {
        attention = List.copyOf(Objects.requireNonNull(attention, "attention"));
        categorical = categorical == null ? List.of() : List.copyOf(categorical);
        numeric = numeric == null ? List.of() : List.copyOf(numeric);
        if (attention.isEmpty()) {
            throw new IllegalArgumentException("a feature spec needs at least one attention pair: the item");
        }
        for (int p = 0; p < attention.size(); p++) {
            AttentionPair pair = attention.get(p);
            if (p == 0 && pair.role() != AttentionPair.Role.ITEM) {
                throw new IllegalArgumentException("the first attention pair must have the ITEM role; '"
                        + pair.candidate() + "' is " + pair.role());
            }
            if (p > 0 && pair.role() == AttentionPair.Role.ITEM) {
                throw new IllegalArgumentException("attention pair '" + pair.candidate()
                        + "' has the ITEM role, but only the first pair is the item; declare it as ATTRIBUTE");
            }
            if (p > 0 && RESERVED_ITEM_FIELDS.contains(pair.candidate())) {
                throw new IllegalArgumentException("item attribute '" + pair.candidate()
                        + "' takes a name requests already use for " + RESERVED_ITEM_FIELDS + "; rename the column");
            }
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
        }
        Set<String> names = new HashSet<>();
        for (String name : allColumnNames(attention, categorical, numeric)) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("column '" + name + "' is declared twice");
            }
        }
    }

    /**
     * The layout of behaviour logs: the item id and, where the log or its item file has one, a
     * category attribute.
     */
    public static FeatureSpec forBehaviourLogs(
            boolean withCategory, List<CategoricalFeature> categorical, List<NumericFeature> numeric, int maxLength) {
        List<AttentionPair> pairs = new ArrayList<>();
        pairs.add(AttentionPair.item(LOG_ITEM, LOG_HISTORY_ITEMS));
        if (withCategory) {
            pairs.add(AttentionPair.attribute(LOG_CATEGORY, LOG_HISTORY_CATEGORIES));
        }
        return new FeatureSpec(pairs, categorical, numeric, maxLength);
    }

    /** Candidate item column of specs built from behaviour logs. */
    public static final String LOG_ITEM = "itemId";
    /** Category attribute of specs built from behaviour logs that have categories. */
    public static final String LOG_CATEGORY = "category";
    /** History item column of specs built from behaviour logs. */
    public static final String LOG_HISTORY_ITEMS = "historyItemIds";
    /** History category column of specs built from behaviour logs. */
    public static final String LOG_HISTORY_CATEGORIES = "historyCategories";

    /** The attention pair of the item id. */
    public AttentionPair item() {
        return attention.get(0);
    }

    /** The item attributes' names, in pair order (pair 1 onwards). */
    public List<String> attributeNames() {
        return attention.subList(1, attention.size()).stream()
                .map(AttentionPair::candidate)
                .toList();
    }

    /** The categorical and numeric feature names of one source, in declaration order. */
    public List<String> featureNames(Source source) {
        List<String> names = new ArrayList<>();
        categorical.stream().filter(f -> f.source() == source).forEach(f -> names.add(f.name()));
        numeric.stream().filter(f -> f.source() == source).forEach(f -> names.add(f.name()));
        return names;
    }

    /** Names of every vocabulary the spec needs, each once. */
    public List<String> vocabularyNames() {
        Set<String> names = new LinkedHashSet<>();
        attention.forEach(p -> names.add(p.vocabulary()));
        categorical.forEach(f -> names.add(f.vocabulary()));
        return List.copyOf(names);
    }

    /** Width of the numeric input after missing-value flags are added. */
    public int numericWidth() {
        return numeric.stream().mapToInt(f -> f.missingFlag() ? 2 : 1).sum();
    }

    private static List<String> allColumnNames(
            List<AttentionPair> attention, List<CategoricalFeature> categorical, List<NumericFeature> numeric) {
        List<String> names = new ArrayList<>();
        attention.forEach(p -> {
            names.add(p.candidate());
            names.add(p.sequence());
        });
        categorical.forEach(f -> names.add(f.name()));
        numeric.forEach(f -> names.add(f.name()));
        return names;
    }

    /** Where a profile or context value comes from in a request. */
    public enum Source {
        /** A user-profile feature, sent in {@code userFeatures}. */
        USER,
        /** A feature of the request's situation (hour, device, page), sent in {@code context}. */
        CONTEXT
    }

    /**
     * A candidate column and the behaviour-sequence column weighed against it.
     *
     * @param role whether the pair is the item id or an attribute of the item
     * @param candidate the candidate's column, e.g. {@code movieId}; for an attribute also its name
     *     in requests
     * @param sequence the history column, e.g. {@code histHighRatedMovieIds}
     * @param vocabulary the vocabulary and embedding table both sides share
     */
    public record AttentionPair(Role role, String candidate, String sequence, String vocabulary) {

        /** What an attention pair is. */
        public enum Role {
            /** The item id: exactly one pair, the first. */
            ITEM,
            /** An attribute of the item, such as its category, brand or shop. */
            ATTRIBUTE
        }

        public AttentionPair {
            requireName(candidate, "an attention pair's candidate");
            if (role == null) {
                throw new IllegalArgumentException(
                        "attention pair '" + candidate + "' declares no role (ITEM or ATTRIBUTE)");
            }
            requireName(sequence, "attention pair '" + candidate + "''s sequence");
            requireName(vocabulary, "attention pair '" + candidate + "''s vocabulary");
        }

        /** The item pair, with a vocabulary named after the candidate column. */
        public static AttentionPair item(String candidate, String sequence) {
            return new AttentionPair(Role.ITEM, candidate, sequence, candidate);
        }

        /** An attribute pair, with a vocabulary named after the attribute. */
        public static AttentionPair attribute(String name, String sequence) {
            return new AttentionPair(Role.ATTRIBUTE, name, sequence, name);
        }
    }

    /**
     * A categorical profile or context feature, e.g. gender or device.
     *
     * @param name the column name, also the name clients use
     * @param source whether clients send it as a user or a context feature
     * @param vocabulary the vocabulary (usually the same as the name)
     */
    public record CategoricalFeature(String name, Source source, String vocabulary) {
        public CategoricalFeature {
            requireName(name, "a categorical feature's name");
            if (source == null) {
                throw new IllegalArgumentException(
                        "categorical feature '" + name + "' declares no source (USER or CONTEXT)");
            }
            requireName(vocabulary, "categorical feature '" + name + "''s vocabulary");
        }

        /** A user-profile feature with its own vocabulary. */
        public static CategoricalFeature user(String name) {
            return new CategoricalFeature(name, Source.USER, name);
        }

        /** A context feature with its own vocabulary. */
        public static CategoricalFeature context(String name) {
            return new CategoricalFeature(name, Source.CONTEXT, name);
        }
    }

    /**
     * A numeric profile or context feature.
     *
     * @param name the column name, also the name clients use
     * @param source whether clients send it as a user or a context feature
     * @param normalization how values are scaled with training statistics
     * @param missingFlag whether a 0/1 "was missing" input follows the value
     */
    public record NumericFeature(String name, Source source, Normalization normalization, boolean missingFlag) {
        public NumericFeature {
            requireName(name, "a numeric feature's name");
            if (source == null) {
                throw new IllegalArgumentException(
                        "numeric feature '" + name + "' declares no source (USER or CONTEXT)");
            }
            if (normalization == null) {
                throw new IllegalArgumentException("numeric feature '" + name + "' declares no normalization");
            }
        }

        /** A user-profile feature. */
        public static NumericFeature user(String name, Normalization normalization, boolean missingFlag) {
            return new NumericFeature(name, Source.USER, normalization, missingFlag);
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
