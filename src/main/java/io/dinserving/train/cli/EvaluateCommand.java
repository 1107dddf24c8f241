package io.dinserving.train.cli;

import ai.djl.Device;
import io.dinserving.bundle.BundleManifest;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.train.BinaryMetrics;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Scoring;
import io.dinserving.train.Split;
import io.dinserving.train.TrainingReport;
import io.dinserving.train.io.DelimitedFile;
import io.dinserving.train.io.RowErrors;
import io.dinserving.train.io.SampleFileLayout;
import io.dinserving.train.io.SampleFileReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Score a sample file with a bundle and report AUC, GAUC, log loss and accuracy per split.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model bundle directory.")
    Path model;

    @Option(
            names = "--samples",
            required = true,
            paramLabel = "FILE",
            description = "A sample file with the bundle's columns, e.g. written by prepare.")
    Path samples;

    @Option(names = "--label-col", defaultValue = "label", description = "Label column. Default: ${DEFAULT-VALUE}.")
    String labelColumn;

    @Option(names = "--delimiter", defaultValue = ",", description = "Field delimiter. Default: ${DEFAULT-VALUE}.")
    String delimiter;

    @Option(
            names = "--sequence-delimiter",
            defaultValue = "|",
            description = "Sequence separator. Default: ${DEFAULT-VALUE}.")
    String sequenceDelimiter;

    @Option(
            names = "--on-error",
            defaultValue = "fail",
            description = "What to do with a malformed row: fail or skip. Default: ${DEFAULT-VALUE}.")
    RowErrors.Policy onError;

    @Option(names = "--report", paramLabel = "DIR", description = "Write report.json and report.md here.")
    Path report;

    @Override
    public Integer call() throws Exception {
        try (ModelBundle bundle = ModelBundle.load(model, Device.cpu())) {
            BundleManifest manifest = bundle.manifest();
            FeatureSpec spec = manifest.spec();
            List<String> header = DelimitedFile.headerOf(samples, DelimitedFile.unescape(delimiter));
            SampleFileLayout layout = new SampleFileLayout(
                    spec.attention(),
                    spec.categorical(),
                    spec.numeric(),
                    labelColumn,
                    header.contains(SampleFileLayout.USER) ? SampleFileLayout.USER : null,
                    header.contains(SampleFileLayout.SPLIT) ? SampleFileLayout.SPLIT : null,
                    null,
                    DelimitedFile.unescape(delimiter),
                    sequenceDelimiter);
            RowErrors errors = new RowErrors(onError);
            SampleSet set = new SampleFileReader(layout, errors).read(samples, spec.maxLength());
            if (errors.skipped() > 0) {
                System.err.println(errors.summary());
            }
            Map<String, BinaryMetrics> bySplit = new LinkedHashMap<>();
            bySplit.put("all", evaluate(bundle, set.samples()));
            if (layout.split() != null) {
                for (Split split : Split.values()) {
                    var part = set.split(split);
                    if (!part.isEmpty()) {
                        bySplit.put(split.label(), evaluate(bundle, part));
                    }
                }
            }
            System.out.println("model " + manifest.version() + " on " + samples);
            System.out.println(TrainingReport.metricsTable(bySplit));
            if (report != null) {
                TrainingReport.writeEvaluation(manifest.version(), samples.toString(), bySplit, report);
            }
        }
        return 0;
    }

    private static BinaryMetrics evaluate(ModelBundle bundle, List<io.dinserving.train.Sample> samples) {
        return Scoring.evaluate(bundle, samples, 2048);
    }
}
