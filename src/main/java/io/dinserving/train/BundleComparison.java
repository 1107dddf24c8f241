package io.dinserving.train;

import io.dinserving.bundle.BundleManifest;
import io.dinserving.nn.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Bundles side by side: one row per group of bundles trained alike but for the seed, named by the
 * settings that tell the rows apart, with each metric as mean ± std over the group. A metric a
 * bundle does not have is {@code n/a}, with the reason under the table.
 */
public final class BundleComparison {

    static final List<String> METRICS =
            List.of("test.auc", "test.gauc", "test.logLoss", "test.accuracy", "train.samplesPerSecond");
    static final String SEED = "seed";

    private BundleComparison() {}

    /** A bundle and where it was read from. */
    public record Bundle(Path directory, BundleManifest manifest) {}

    /** The comparison as a Markdown table, with a line per missing metric's reason beneath. */
    public static String markdown(List<Bundle> bundles) {
        Map<Map<String, String>, List<Bundle>> groups = new LinkedHashMap<>();
        for (Bundle bundle : bundles) {
            Map<String, String> settings = settings(bundle.manifest());
            settings.remove(SEED);
            groups.computeIfAbsent(settings, k -> new ArrayList<>()).add(bundle);
        }
        Set<String> differing = differing(groups.keySet());
        StringBuilder md = new StringBuilder("| settings | bundles | seeds |");
        METRICS.forEach(name -> md.append(' ').append(name).append(" |"));
        md.append("\n|---|---|---|").append("---|".repeat(METRICS.size())).append('\n');
        Set<String> reasons = new LinkedHashSet<>();
        groups.forEach((settings, group) -> {
            md.append("| ").append(label(settings, differing)).append(" | ");
            md.append(String.join(
                    ", ",
                    group.stream()
                            .map(b -> b.directory().getFileName().toString())
                            .toList()));
            md.append(" | ")
                    .append(String.join(
                            ", ",
                            group.stream()
                                    .map(b -> settings(b.manifest()).getOrDefault(SEED, "?"))
                                    .toList()))
                    .append(" |");
            for (String metric : METRICS) {
                md.append(' ').append(cell(metric, group, reasons)).append(" |");
            }
            md.append('\n');
        });
        reasons.forEach(reason -> md.append("\nn/a: ").append(reason));
        return md.append(reasons.isEmpty() ? "" : "\n").toString();
    }

    private static String cell(String metric, List<Bundle> group, Set<String> reasons) {
        List<Double> values = new ArrayList<>();
        for (Bundle b : group) {
            Double v = b.manifest().metrics().get(metric);
            if (v == null) {
                reasons.add(b.directory().getFileName() + " records no " + metric
                        + (b.manifest().isTorchScript() ? " (import it with --metrics FILE to carry them)" : ""));
            } else if (Double.isNaN(v)) {
                reasons.add(b.directory().getFileName() + "'s " + metric + " is undefined"
                        + (metric.contains("gauc")
                                ? ": no user in that split has both a positive and a negative"
                                : ""));
            } else {
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            return "n/a";
        }
        String format = metric.endsWith("samplesPerSecond") ? "%.0f" : "%.4f";
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        String value = array.length == 1
                ? String.format(Locale.ROOT, format, array[0])
                : MeanAndSpread.of(array).format(format);
        return values.size() < group.size() ? value + " (" + values.size() + " of " + group.size() + ")" : value;
    }

    /**
     * The settings that tell groups apart: those two groups both have with different values, and the
     * variant always, to read by. A setting only some groups have (an imported model has no
     * architecture) tells nothing apart on its own.
     */
    private static Set<String> differing(Set<Map<String, String>> groups) {
        Set<String> keys = new LinkedHashSet<>();
        groups.forEach(g -> keys.addAll(g.keySet()));
        Set<String> differing = new LinkedHashSet<>();
        for (String key : keys) {
            Set<String> values = new LinkedHashSet<>();
            groups.stream().filter(g -> g.containsKey(key)).forEach(g -> values.add(g.get(key)));
            if (values.size() > 1 || key.equals("variant")) {
                differing.add(key);
            }
        }
        return differing;
    }

    private static String label(Map<String, String> settings, Set<String> differing) {
        List<String> parts = new ArrayList<>();
        for (String key : differing) {
            if (settings.containsKey(key)) {
                parts.add(key + "=" + settings.get(key));
            }
        }
        return String.join(" ", parts);
    }

    /** What a bundle was trained with: its architecture and its optimisation settings. */
    static Map<String, String> settings(BundleManifest manifest) {
        Map<String, String> settings = new LinkedHashMap<>();
        ModelConfig model = manifest.model();
        if (manifest.isTorchScript()) {
            settings.put("variant", "torchscript");
        } else {
            settings.put("variant", model.variant().label());
            settings.put("embeddingDim", String.valueOf(model.embeddingDim()));
            settings.put("attentionHidden", model.attentionHidden().toString());
            settings.put("topHidden", model.topHidden().toString());
            settings.put("activation", model.activation().name().toLowerCase(Locale.ROOT));
            settings.put(
                    "weightNormalization", model.weightNormalization().name().toLowerCase(Locale.ROOT));
            settings.put("batchNorm", String.valueOf(model.batchNorm()));
            settings.put("dropout", String.valueOf(model.dropout()));
        }
        BundleManifest.TrainingData data = manifest.trainingData();
        if (data != null) {
            data.settings().forEach((k, v) -> settings.put(k, String.valueOf(v)));
        }
        return settings;
    }
}
