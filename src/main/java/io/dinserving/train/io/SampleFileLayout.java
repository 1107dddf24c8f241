package io.dinserving.train.io;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import java.util.List;
import java.util.Objects;

/**
 * The columns of a pre-built sample file: one row per sample, as in the DIN tutorial.
 *
 * @param attention candidate columns and the sequence columns weighed against them
 * @param categorical categorical columns
 * @param numeric numeric columns
 * @param label the 0/1 label column
 * @param user the user column for GAUC, or null
 * @param split a train/validation/test column, or null (then every row is train)
 * @param timestamp a time column, or null
 * @param delimiter the field delimiter
 * @param sequenceDelimiter separates ids inside a sequence column, e.g. {@code |} in {@code 12|7|33}
 */
public record SampleFileLayout(
        List<AttentionPair> attention,
        List<CategoricalFeature> categorical,
        List<NumericFeature> numeric,
        String label,
        String user,
        String split,
        String timestamp,
        String delimiter,
        String sequenceDelimiter) {

    /** The label column of files written by {@code prepare}. */
    public static final String LABEL = "label";
    /** The user column of files written by {@code prepare}. */
    public static final String USER = "userId";
    /** The split column of files written by {@code prepare}. */
    public static final String SPLIT = "split";
    /** The time column of files written by {@code prepare}. */
    public static final String TIMESTAMP = "timestamp";

    public SampleFileLayout {
        attention = List.copyOf(attention);
        categorical = List.copyOf(categorical);
        numeric = List.copyOf(numeric);
        Objects.requireNonNull(label, "label");
        if (attention.isEmpty()) {
            throw new IllegalArgumentException(
                    "a sample file needs at least one attention pair, e.g. movieId=histMovieIds");
        }
    }

    /**
     * The layout of a file with a bundle's feature columns and a label, read by {@code evaluate} and
     * the publishing gate: the user and split columns are used where the header has them.
     */
    public static SampleFileLayout forFile(
            FeatureSpec spec, List<String> header, String label, String delimiter, String sequenceDelimiter) {
        return new SampleFileLayout(
                spec.attention(),
                spec.categorical(),
                spec.numeric(),
                label,
                header.contains(USER) ? USER : null,
                header.contains(SPLIT) ? SPLIT : null,
                null,
                delimiter,
                sequenceDelimiter);
    }

    /** The layout {@code prepare} writes for a spec, which {@code evaluate} also reads. */
    public static SampleFileLayout forSpec(FeatureSpec spec) {
        return new SampleFileLayout(
                spec.attention(), spec.categorical(), spec.numeric(), LABEL, USER, SPLIT, TIMESTAMP, ",", "|");
    }

    /** The spec a model trained on this layout uses. */
    public FeatureSpec spec(int maxLength) {
        return new FeatureSpec(attention, categorical, numeric, maxLength);
    }
}
