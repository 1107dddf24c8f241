package io.dinserving.train.tune;

import io.dinserving.train.BinaryMetrics;
import io.dinserving.train.MeanAndSpread;
import io.dinserving.train.TrainingResult;
import java.util.List;
import java.util.Locale;

/** A finished search as Markdown: every trial on validation, then the winner's test metrics per seed. */
public final class TuneReport {

    private TuneReport() {}

    public static String markdown(TuneResult result) {
        StringBuilder md = new StringBuilder(
                "# tune report\n\n## Trials, chosen on validation " + result.criterion().label + "\n\n");
        md.append(
                "| trial | settings | validation AUC | validation GAUC | validation log loss | kept epoch | seconds |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        List<TrialRow> rows = result.rows();
        for (int i = 0; i < rows.size(); i++) {
            TrialRow r = rows.get(i);
            BinaryMetrics v = r.trial().validation();
            md.append(String.format(
                    Locale.ROOT,
                    "| %d%s | %s | %.4f | %.4f | %.4f | %d of %d | %.0f |%n",
                    i + 1,
                    r == result.winner() ? " (winner)" : "",
                    r.point().label(),
                    v.auc(),
                    v.gauc(),
                    v.logLoss(),
                    r.trial().bestEpoch(),
                    r.trial().epochsRun(),
                    r.seconds()));
        }
        md.append("\n## The winner's test metrics\n\n")
                .append(result.winner().point().label())
                .append("\n\n");
        md.append("| seed | test AUC | test GAUC | test log loss | bundle |\n|---|---|---|---|---|\n");
        List<TrainingResult> results = result.results();
        double[] auc = new double[results.size()];
        for (int i = 0; i < results.size(); i++) {
            TrainingResult r = results.get(i);
            auc[i] = r.test().auc();
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %.4f | %.4f | %.4f | %s |%n",
                    result.seeds().get(i),
                    r.test().auc(),
                    r.test().gauc(),
                    r.test().logLoss(),
                    r.bundle()));
        }
        // One seed has no spread to report.
        md.append(
                auc.length == 1
                        ? String.format(Locale.ROOT, "%ntest AUC %.4f with one seed%n", auc[0])
                        : String.format(
                                Locale.ROOT,
                                "%ntest AUC %s over %d seeds%n",
                                MeanAndSpread.of(auc).format("%.4f"),
                                auc.length));
        return md.toString();
    }
}
