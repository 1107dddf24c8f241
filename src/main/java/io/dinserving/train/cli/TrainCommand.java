package io.dinserving.train.cli;

import io.dinserving.train.BinaryMetrics;
import io.dinserving.train.DinTrainer;
import io.dinserving.train.FeatureFitter;
import io.dinserving.train.Progress;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import io.dinserving.train.TrainingPipeline;
import io.dinserving.train.TrainingReport;
import io.dinserving.train.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Build samples, fit DIN with BCE and Adam, report AUC, GAUC, log loss and accuracy, and write a model bundle.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Mixin
    ModelOptions model;

    @Option(
            names = "--min-count",
            defaultValue = "1",
            description = "Occurrences a token needs in the training split for its own id. Default: ${DEFAULT-VALUE}.")
    int minCount;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The bundle directory, e.g. models/default.")
    Path out;

    @Option(names = "--model-version", description = "The model version; default: variant, time and data fingerprint.")
    String version;

    @Override
    public Integer call() throws Exception {
        SampleSet samples = input.samples();
        System.err.printf(
                "samples: %d train, %d validation, %d test%n",
                samples.split(Split.TRAIN).size(),
                samples.split(Split.VALIDATION).size(),
                samples.split(Split.TEST).size());
        TrainingPipeline pipeline = new TrainingPipeline(
                new FeatureFitter(minCount),
                new DinTrainer(model.trainingConfig(input.seed), Progress.bar(System.err)));
        TrainingResult result = pipeline.run(samples, model.modelConfig(), out, version);
        Map<String, BinaryMetrics> metrics = new LinkedHashMap<>();
        metrics.put("validation", result.validation());
        metrics.put("test", result.test());
        System.out.println(TrainingReport.metricsTable(metrics));
        System.out.printf(
                "bundle %s written to %s (best epoch %d, %,.0f samples/s)%n",
                result.manifest().version(), out, result.bestEpoch(), result.samplesPerSecond());
        return 0;
    }
}
