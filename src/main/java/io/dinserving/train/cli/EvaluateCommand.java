package io.dinserving.train.cli;

import ai.djl.Device;
import io.dinserving.bundle.BundleManifest;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.train.BinaryMetrics;
import io.dinserving.train.Sample;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Scoring;
import io.dinserving.train.Split;
import io.dinserving.train.TrainingReport;
import io.dinserving.train.WorkProgress;
import io.dinserving.train.io.DelimitedFile;
import io.dinserving.train.io.RowErrors;
import io.dinserving.train.io.SampleFileLayout;
import io.dinserving.train.io.SampleFileReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.IntStream;
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
            SampleFileLayout layout = SampleFileLayout.forFile(
                    spec, header, labelColumn, DelimitedFile.unescape(delimiter), sequenceDelimiter);
            RowErrors errors = new RowErrors(onError);
            SampleSet set = new SampleFileReader(layout, errors).read(samples, spec.maxLength());
            if (errors.skipped() > 0) {
                System.err.println(errors.summary());
            }
            List<Sample> all = set.samples();
            float[] scores = Scoring.score(
                    bundle, all, 2048, WorkProgress.bar(System.err, System.console() != null, "scoring", "samples"));
            Map<String, BinaryMetrics> bySplit = new LinkedHashMap<>();
            bySplit.put("all", metrics(all, scores, s -> true));
            if (layout.split() != null) {
                for (Split split : Split.values()) {
                    if (!set.split(split).isEmpty()) {
                        bySplit.put(split.label(), metrics(all, scores, s -> s.split() == split));
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

    /** The metrics of the samples {@code in} picks, from the scores of all. */
    private static BinaryMetrics metrics(List<Sample> all, float[] scores, Predicate<Sample> in) {
        List<Integer> rows = IntStream.range(0, all.size())
                .filter(i -> in.test(all.get(i)))
                .boxed()
                .toList();
        float[] picked = new float[rows.size()];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = scores[rows.get(i)];
            labels[i] = all.get(rows.get(i)).label();
        }
        return BinaryMetrics.of(
                picked, labels, rows.stream().map(i -> all.get(i).user()).toList());
    }
}
