package io.dinserving.train.gate;

import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.serving.GateVerdict;
import io.dinserving.serving.VersionGate;
import io.dinserving.train.BinaryMetrics;
import io.dinserving.train.Sample;
import io.dinserving.train.Scoring;
import io.dinserving.train.io.DelimitedFile;
import io.dinserving.train.io.RowErrors;
import io.dinserving.train.io.SampleFileLayout;
import io.dinserving.train.io.SampleFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores a candidate and the serving version on one labelled evaluation file, with the code
 * {@code evaluate} runs, and promotes the candidate only when its AUC is at least the serving
 * version's less a margin and its log loss beats predicting the file's positive rate for every
 * sample. Each bundle reads the file with its own feature columns, so versions with different
 * features are judged on the same rows.
 */
public final class EvaluationGate implements VersionGate {

    private static final int BATCH = 2048;

    private final Path evaluationFile;
    private final double aucMargin;

    public EvaluationGate(Path evaluationFile, double aucMargin) {
        this.evaluationFile = evaluationFile;
        this.aucMargin = aucMargin;
    }

    @Override
    public GateVerdict judge(
            String candidateVersion, ModelBundle candidate, String servingVersion, ModelBundle serving) {
        if (!Files.isRegularFile(evaluationFile)) {
            return GateVerdict.ungated("no evaluation file at " + evaluationFile);
        }
        String file = evaluationFile.toString();
        List<Sample> samples;
        GateVerdict.Figures candidateFigures;
        GateVerdict.Figures servingFigures = null;
        try {
            samples = read(candidate.manifest().spec());
            candidateFigures = figures(Scoring.evaluate(candidate, samples, BATCH));
            if (serving != null) {
                servingFigures = figures(
                        Scoring.evaluate(serving, read(serving.manifest().spec()), BATCH));
            }
        } catch (RuntimeException e) {
            // A gate that cannot judge must not wave a version through.
            return new GateVerdict(
                    true,
                    false,
                    "the evaluation file " + file + " could not be scored: " + e.getMessage(),
                    file,
                    0,
                    null,
                    servingVersion,
                    null,
                    null);
        }
        double constant = constantLogLoss(samples);
        List<String> failures = new ArrayList<>();
        if (!(candidateFigures.logLoss() < constant)) {
            failures.add(String.format(
                    Locale.ROOT,
                    "log loss %.4f does not beat the constant predictor's %.4f",
                    candidateFigures.logLoss(),
                    constant));
        }
        if (servingFigures != null && !(candidateFigures.auc() >= servingFigures.auc() - aucMargin)) {
            failures.add(String.format(
                    Locale.ROOT,
                    "AUC %.4f is below version %s's %.4f by more than the margin %.4f",
                    candidateFigures.auc(),
                    servingVersion,
                    servingFigures.auc(),
                    aucMargin));
        }
        boolean promoted = failures.isEmpty();
        String verdict;
        if (!promoted) {
            verdict = String.join("; ", failures);
        } else if (servingFigures == null) {
            verdict = String.format(
                    Locale.ROOT,
                    "log loss %.4f beats the constant predictor's %.4f; no version served to compare with",
                    candidateFigures.logLoss(),
                    constant);
        } else {
            verdict = String.format(
                    Locale.ROOT,
                    "AUC %.4f against version %s's %.4f (margin %.4f); log loss %.4f beats the constant predictor's "
                            + "%.4f",
                    candidateFigures.auc(),
                    servingVersion,
                    servingFigures.auc(),
                    aucMargin,
                    candidateFigures.logLoss(),
                    constant);
        }
        return new GateVerdict(
                true,
                promoted,
                verdict,
                file,
                samples.size(),
                candidateFigures,
                servingVersion,
                servingFigures,
                constant);
    }

    private List<Sample> read(FeatureSpec spec) {
        List<String> header = DelimitedFile.headerOf(evaluationFile, ",");
        SampleFileLayout layout = SampleFileLayout.forFile(spec, header, SampleFileLayout.LABEL, ",", "|");
        List<Sample> samples = new SampleFileReader(layout, RowErrors.failFast())
                .read(evaluationFile, spec.maxLength())
                .samples();
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("it holds no samples");
        }
        return samples;
    }

    private static GateVerdict.Figures figures(BinaryMetrics metrics) {
        return new GateVerdict.Figures(metrics.auc(), metrics.logLoss());
    }

    /** The log loss of predicting the positive rate for every sample: what a model must beat. */
    static double constantLogLoss(List<Sample> samples) {
        double p = samples.stream().mapToInt(Sample::label).average().orElse(0);
        if (p <= 0 || p >= 1) {
            return 0; // one class only: a constant is perfect, and no model beats it
        }
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    }
}
