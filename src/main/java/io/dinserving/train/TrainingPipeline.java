package io.dinserving.train;

import ai.djl.Model;
import io.dinserving.bundle.BundleManifest;
import io.dinserving.bundle.BundleManifest.TrainingData;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.FeatureEncoder;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.nn.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples to bundle: fits features on the training split, trains, evaluates the kept checkpoint on
 * validation and test, and writes the bundle with its report.
 */
public final class TrainingPipeline {

    private static final int EVAL_BATCH = 2048;

    private final FeatureFitter fitter;
    private final DinTrainer trainer;

    public TrainingPipeline(FeatureFitter fitter, DinTrainer trainer) {
        this.fitter = fitter;
        this.trainer = trainer;
    }

    /**
     * Trains on {@code samples} and writes a bundle to {@code bundleDir}.
     *
     * @param version the model version; null derives one from the time and the data fingerprint
     */
    public TrainingResult run(SampleSet samples, ModelConfig modelConfig, Path bundleDir, String version)
            throws IOException {
        FeatureSpec spec = samples.spec();
        List<Sample> trainSplit = samples.split(Split.TRAIN);
        FittedFeatures fitted = fitter.fit(spec, trainSplit, samples.catalogue());
        FeatureEncoder encoder = fitted.encoder();
        List<EncodedSample> train = FeatureFitter.encode(encoder, trainSplit);
        List<EncodedSample> validation = FeatureFitter.encode(encoder, samples.split(Split.VALIDATION));
        List<EncodedSample> test = FeatureFitter.encode(encoder, samples.split(Split.TEST));
        String fingerprint = Fingerprint.of(train);

        DinTrainer.Outcome outcome = trainer.train(fitted, modelConfig, train, validation);
        try (Model model = outcome.model()) {
            int pairs = spec.attention().size();
            BinaryMetrics val = validation.isEmpty() ? null : Scoring.evaluate(model, validation, pairs, EVAL_BATCH);
            BinaryMetrics tst = test.isEmpty() ? null : Scoring.evaluate(model, test, pairs, EVAL_BATCH);
            Instant now = Instant.now();
            BundleManifest manifest = new BundleManifest(
                    BundleManifest.FORMAT_VERSION,
                    DinTrainer.MODEL_NAME,
                    version != null ? version : defaultVersion(modelConfig, now, fingerprint),
                    now.toString(),
                    modelConfig,
                    fitted,
                    metrics(val, tst, outcome),
                    new TrainingData(
                            samples.source(),
                            fingerprint,
                            train.size(),
                            trainer.config().asOptions()),
                    DinTrainer.MODEL_NAME + "-0000.params",
                    null,
                    new java.util.TreeMap<>(samples.itemNames()),
                    BundleManifest.DIN);
            manifest = writeBundle(bundleDir, manifest, model);
            TrainingResult result =
                    new TrainingResult(bundleDir, manifest, outcome.epochs(), outcome.bestEpoch(), val, tst);
            TrainingReport.write(result, bundleDir);
            return result;
        }
    }

    /**
     * Trains and scores the validation split only: one trial of a search. The test split is not
     * encoded, scored or looked at, and no bundle is written.
     *
     * @return validation metrics of the kept checkpoint, or null without a validation split
     */
    public Trial validate(SampleSet samples, ModelConfig modelConfig) {
        List<Sample> trainSplit = samples.split(Split.TRAIN);
        FittedFeatures fitted = fitter.fit(samples.spec(), trainSplit, samples.catalogue());
        FeatureEncoder encoder = fitted.encoder();
        List<EncodedSample> train = FeatureFitter.encode(encoder, trainSplit);
        List<EncodedSample> validation = FeatureFitter.encode(encoder, samples.split(Split.VALIDATION));
        DinTrainer.Outcome outcome = trainer.train(fitted, modelConfig, train, validation);
        try (Model model = outcome.model()) {
            BinaryMetrics val = validation.isEmpty()
                    ? null
                    : Scoring.evaluate(
                            model, validation, samples.spec().attention().size(), EVAL_BATCH);
            return new Trial(val, outcome.bestEpoch(), outcome.epochs().size());
        }
    }

    /**
     * A search trial's outcome.
     *
     * @param validation validation metrics of the kept checkpoint
     * @param bestEpoch the epoch kept
     * @param epochsRun epochs run before early stopping
     */
    public record Trial(BinaryMetrics validation, int bestEpoch, int epochsRun) {}

    private static Map<String, Double> metrics(
            BinaryMetrics validation, BinaryMetrics test, DinTrainer.Outcome outcome) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        put(metrics, "validation", validation);
        put(metrics, "test", test);
        metrics.put("train.bestEpoch", (double) outcome.bestEpoch());
        metrics.put(
                "train.samplesPerSecond",
                outcome.epochs().stream()
                        .mapToDouble(EpochStats::samplesPerSecond)
                        .average()
                        .orElse(Double.NaN));
        return metrics;
    }

    private static void put(Map<String, Double> metrics, String prefix, BinaryMetrics m) {
        if (m == null) {
            return;
        }
        metrics.put(prefix + ".auc", m.auc());
        metrics.put(prefix + ".gauc", m.gauc());
        metrics.put(prefix + ".logLoss", m.logLoss());
        metrics.put(prefix + ".accuracy", m.accuracy());
        metrics.put(prefix + ".samples", (double) m.samples());
    }

    private static BundleManifest writeBundle(Path dir, BundleManifest manifest, Model model) throws IOException {
        Files.createDirectories(dir);
        // Remove parameters of an earlier bundle in the same place so the manifest names the only one.
        try (var old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().endsWith(".params"))
                    .toList()) {
                Files.delete(p);
            }
        }
        model.setProperty("Epoch", "0");
        model.save(dir, manifest.name());
        return ModelBundle.writeManifest(dir, manifest);
    }

    private static String defaultVersion(ModelConfig config, Instant now, String fingerprint) {
        return config.variant().label() + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(now) + "-"
                + fingerprint.substring(0, 8);
    }
}
