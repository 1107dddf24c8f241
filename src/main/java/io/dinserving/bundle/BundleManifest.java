package io.dinserving.bundle;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.nn.ModelConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a model bundle declares besides its parameters, stored as {@code manifest.json}.
 *
 * @param formatVersion bundle format; {@link #FORMAT_VERSION} is written, and older versions are
 *     read by upgrading them
 * @param name the model name, also the parameter file prefix
 * @param version the model version served and cached against
 * @param createdAt creation time, ISO-8601
 * @param model the architecture
 * @param features the spec, vocabularies, numeric statistics and item catalogue fitted in training
 * @param metrics evaluation results, e.g. {@code test.auc}
 * @param trainingData description of the training data, with a SHA-256 fingerprint
 * @param parameters the parameter file name inside the bundle
 * @param parametersSha256 SHA-256 of the parameter file, hex; a file that does not match is refused
 * @param itemNames display names by item id (e.g. movie titles), for explained rankings; may be empty
 * @param modelFormat {@link #DIN} (a DIN trained here, {@code model} its architecture; the default) or
 *     {@link #TORCHSCRIPT} (a module trained elsewhere and imported; {@code model} is then absent)
 */
public record BundleManifest(
        int formatVersion,
        String name,
        String version,
        String createdAt,
        ModelConfig model,
        FittedFeatures features,
        Map<String, Double> metrics,
        TrainingData trainingData,
        String parameters,
        String parametersSha256,
        Map<String, String> itemNames,
        String modelFormat) {

    /** The bundle format this code writes. */
    public static final int FORMAT_VERSION = 2;

    /** A DIN trained by this service, its parameters in DJL's format. */
    public static final String DIN = "din";
    /** A TorchScript module trained elsewhere and imported. */
    public static final String TORCHSCRIPT = "torchscript";

    public BundleManifest {
        modelFormat = modelFormat == null ? DIN : modelFormat;
        if (!modelFormat.equals(DIN) && !modelFormat.equals(TORCHSCRIPT)) {
            throw new IllegalArgumentException(
                    "modelFormat must be '" + DIN + "' or '" + TORCHSCRIPT + "', was '" + modelFormat + "'");
        }
        if (modelFormat.equals(DIN)) {
            Objects.requireNonNull(model, "model");
        }
        Objects.requireNonNull(features, "features");
        metrics = metrics == null ? Map.of() : metrics;
        itemNames = itemNames == null ? Map.of() : itemNames;
    }

    /** This manifest with a version, unless it has one. */
    public BundleManifest withVersionIfAbsent(String fallback) {
        return version != null
                ? this
                : new BundleManifest(
                        formatVersion,
                        name,
                        fallback,
                        createdAt,
                        model,
                        features,
                        metrics,
                        trainingData,
                        parameters,
                        parametersSha256,
                        itemNames,
                        modelFormat);
    }

    /** Whether the model is an imported TorchScript module. */
    public boolean isTorchScript() {
        return TORCHSCRIPT.equals(modelFormat);
    }

    /** An item's display name, or null. */
    public String itemName(String itemId) {
        return itemNames.get(itemId);
    }

    /** The feature spec the model was trained with. */
    public FeatureSpec spec() {
        return features.spec();
    }

    /** This manifest with the parameter file's checksum recorded. */
    public BundleManifest withParametersSha256(String sha256) {
        return new BundleManifest(
                formatVersion,
                name,
                version,
                createdAt,
                model,
                features,
                metrics,
                trainingData,
                parameters,
                sha256,
                itemNames,
                modelFormat);
    }

    /**
     * Where the training samples came from.
     *
     * @param source a human-readable description, e.g. the input paths
     * @param sha256 fingerprint of the training split's encoded samples
     * @param trainSamples number of training samples
     * @param settings the optimisation settings the model was trained with (epochs, learning rate
     *     and schedule, regularisation, early stopping, seed), so a bundle says how to train it
     *     again; empty for imported models and bundles written before they were recorded
     */
    public record TrainingData(String source, String sha256, long trainSamples, Map<String, Object> settings) {

        public TrainingData {
            settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** Training data without recorded settings. */
        public TrainingData(String source, String sha256, long trainSamples) {
            this(source, sha256, trainSamples, null);
        }
    }
}
