package io.dinserving.train.cli;

import io.dinserving.bundle.FittedFeaturesJson;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.train.FeatureFitter;
import io.dinserving.train.Sample;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import io.dinserving.train.WorkProgress;
import io.dinserving.train.io.EncodedSamplesWriter;
import io.dinserving.train.io.SamplesCsvWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Build samples from logs and write them as CSV (user, candidate item and category, label, "
                + "history items and categories, split), so another tool can train on identical samples.")
final class PrepareCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV to write.")
    Path out;

    @Option(
            names = "--fitted-features",
            paramLabel = "FILE",
            description = "Also fit the features on the training split and write them (spec, vocabularies, numeric "
                    + "statistics, catalogue) as JSON: what `import` needs to serve a model trained elsewhere.")
    Path fittedFeatures;

    @Option(
            names = "--encoded",
            paramLabel = "FILE",
            description = "Also write the samples encoded with those features: the integer ids and scaled numbers "
                    + "the service will send the model.")
    Path encoded;

    @Override
    public Integer call() throws Exception {
        Steps steps = Steps.onStandardError();
        SampleSet samples = steps.run("reading and building samples", input::samples);
        SamplesCsvWriter.write(samples, out, bar("writing"));
        System.out.printf(
                "%d samples (%d train, %d validation, %d test) written to %s%n",
                samples.samples().size(),
                samples.split(Split.TRAIN).size(),
                samples.split(Split.VALIDATION).size(),
                samples.split(Split.TEST).size(),
                out);
        if (fittedFeatures != null || encoded != null) {
            FittedFeatures fitted = steps.run(
                    "fitting features on the training split",
                    () -> input.featureFitter().fit(samples.spec(), samples.split(Split.TRAIN), samples.catalogue()));
            if (fittedFeatures != null) {
                FittedFeaturesJson.write(fitted, fittedFeatures);
                System.out.println("fitted features written to " + fittedFeatures);
            }
            if (encoded != null) {
                List<Sample> all = samples.samples();
                var encodedSamples = steps.run("encoding samples", () -> FeatureFitter.encode(fitted.encoder(), all));
                EncodedSamplesWriter.write(
                        fitted.spec(),
                        encodedSamples,
                        all.stream().map(Sample::split).toList(),
                        encoded,
                        bar("writing encoded"));
                System.out.println("encoded samples written to " + encoded);
            }
        }
        return 0;
    }

    private static WorkProgress bar(String task) {
        return WorkProgress.bar(System.err, System.console() != null, task, "samples");
    }
}
