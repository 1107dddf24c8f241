package io.dinserving.model;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.NumericStats;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a model bundle declares besides its parameters, stored as {@code manifest.json}.
 *
 * @param formatVersion bundle format; loading rejects any other than {@link #FORMAT_VERSION}
 * @param name the model name, also the parameter file prefix
 * @param version the model version served and cached against
 * @param createdAt creation time, ISO-8601
 * @param spec the feature spec the model was trained with
 * @param model the architecture
 * @param vocabularies known tokens of each vocabulary, in id order from {@code Vocabulary.FIRST_TOKEN_ID}
 * @param numericStats training statistics of each numeric feature
 * @param itemCategories catalogue from item token to category token, for requests that omit it
 * @param metrics evaluation results, e.g. {@code test.auc}
 * @param trainingData description of the training data, with a SHA-256 fingerprint
 * @param parameters the parameter file name inside the bundle
 */
public record BundleManifest(
        int formatVersion,
        String name,
        String version,
        String createdAt,
        FeatureSpec spec,
        ModelConfig model,
        Map<String, List<String>> vocabularies,
        Map<String, NumericStats> numericStats,
        Map<String, String> itemCategories,
        Map<String, Double> metrics,
        TrainingData trainingData,
        String parameters) {

    /** The bundle format this code reads and writes. */
    public static final int FORMAT_VERSION = 1;

    public BundleManifest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(model, "model");
        vocabularies = vocabularies == null ? Map.of() : vocabularies;
        numericStats = numericStats == null ? Map.of() : numericStats;
        itemCategories = itemCategories == null ? Map.of() : itemCategories;
        metrics = metrics == null ? Map.of() : metrics;
    }

    /**
     * Where the training samples came from.
     *
     * @param source a human-readable description, e.g. the input paths
     * @param sha256 fingerprint of the training split's encoded samples
     * @param trainSamples number of training samples
     */
    public record TrainingData(String source, String sha256, long trainSamples) {}
}
