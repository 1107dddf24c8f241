package io.dinserving.train.cli;

import io.dinserving.bundle.BundleManifest;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.train.MeanAndSpread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare bundles: test AUC, GAUC and log loss as mean ± std per variant (e.g. over seeds).")
final class CompareCommand implements Callable<Integer> {

    private static final List<String> METRICS =
            List.of("test.auc", "test.gauc", "test.logLoss", "test.accuracy", "train.samplesPerSecond");

    @Parameters(arity = "1..*", paramLabel = "BUNDLE", description = "Bundle directories.")
    List<Path> bundles;

    @Override
    public Integer call() {
        Map<String, List<BundleManifest>> byVariant = new LinkedHashMap<>();
        for (Path dir : bundles) {
            BundleManifest m = ModelBundle.readManifest(dir);
            byVariant
                    .computeIfAbsent(
                            m.isTorchScript()
                                    ? "torchscript"
                                    : m.model().variant().label(),
                            k -> new ArrayList<>())
                    .add(m);
        }
        StringBuilder out = new StringBuilder("| variant | runs |");
        METRICS.forEach(name -> out.append(' ').append(name).append(" |"));
        out.append("\n|---|---|").append("---|".repeat(METRICS.size())).append('\n');
        byVariant.forEach((variant, manifests) -> {
            out.append("| ")
                    .append(variant)
                    .append(" | ")
                    .append(manifests.size())
                    .append(" |");
            for (String name : METRICS) {
                double[] values = manifests.stream()
                        .mapToDouble(m -> m.metrics().getOrDefault(name, Double.NaN))
                        .toArray();
                out.append(' ')
                        .append(MeanAndSpread.of(values).format(name.endsWith("samplesPerSecond") ? "%.0f" : "%.4f"))
                        .append(" |");
            }
            out.append('\n');
        });
        System.out.print(out);
        return 0;
    }
}
