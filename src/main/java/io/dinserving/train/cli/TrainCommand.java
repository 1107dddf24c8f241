package io.dinserving.train.cli;

import io.dinserving.bundle.ModelRepository;
import io.dinserving.train.BinaryMetrics;
import io.dinserving.train.DinTrainer;
import io.dinserving.train.Progress;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import io.dinserving.train.TrainingPipeline;
import io.dinserving.train.TrainingReport;
import io.dinserving.train.TrainingResult;
import io.dinserving.train.gate.PublishedVerdict;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
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

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    /** Where the bundle goes: a directory of its own, or the next version of a model repository. */
    static final class Destination {
        @Option(names = "--out", paramLabel = "DIR", description = "The bundle directory, e.g. models/default.")
        Path out;

        @Option(
                names = "--publish-to",
                paramLabel = "REPO",
                description =
                        "A model repository: the bundle is written into a temporary directory inside it, then "
                                + "renamed to the next version number in one step, so a polling server never sees it half-written.")
        Path repository;
    }

    @Option(names = "--model-version", description = "The model version; default: variant, time and data fingerprint.")
    String version;

    @Option(
            names = "--gate-auc-margin",
            defaultValue = "0.005",
            paramLabel = "M",
            description = "With --publish-to: the service's din.model.gate.auc-margin, for the verdict this command "
                    + "reports. Default: ${DEFAULT-VALUE}.")
    double gateAucMargin;

    @Override
    public Integer call() throws Exception {
        SampleSet samples = input.samples();
        System.err.printf(
                "samples: %d train, %d validation, %d test%n",
                samples.split(Split.TRAIN).size(),
                samples.split(Split.VALIDATION).size(),
                samples.split(Split.TEST).size());
        if (samples.split(Split.VALIDATION).isEmpty()) {
            System.err.println("no validation samples: early stopping is off and the last epoch is kept; give the "
                    + "samples a split column, or --validation-samples FILE");
        }
        TrainingPipeline pipeline = new TrainingPipeline(
                input.featureFitter(),
                new DinTrainer(model.trainingConfig(input.seed), Progress.bar(System.err, System.console() != null)));
        Path out = destination.out;
        TrainingResult result;
        if (destination.repository != null) {
            ModelRepository.Published<TrainingResult> published = new ModelRepository(destination.repository)
                    .publish(dir -> pipeline.run(samples, model.modelConfig(), dir, version));
            out = published.directory();
            result = published.written();
        } else {
            result = pipeline.run(samples, model.modelConfig(), out, version);
        }
        Map<String, BinaryMetrics> metrics = new LinkedHashMap<>();
        metrics.put("validation", result.validation());
        metrics.put("test", result.test());
        System.out.println(TrainingReport.metricsTable(metrics));
        System.out.printf(
                "bundle %s written to %s (best epoch %d, %,.0f samples/s)%n",
                result.manifest().version(), out, result.bestEpoch(), result.samplesPerSecond());
        if (destination.repository != null) {
            System.out.println(PublishedVerdict.describe(destination.repository, out, gateAucMargin));
        }
        return 0;
    }
}
