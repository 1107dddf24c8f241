package io.dinserving.train.cli;

import ai.djl.Device;
import io.dinserving.bundle.BundleManifest;
import io.dinserving.bundle.FittedFeaturesJson;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.FittedFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Make a bundle of a TorchScript DIN trained elsewhere on the features `prepare "
                + "--fitted-features` wrote; it is served like any other bundle. See the README for the inputs "
                + "the module must take.")
final class ImportCommand implements Callable<Integer> {

    static final String MODULE_FILE = "model.pt";

    @Option(names = "--torchscript", required = true, paramLabel = "FILE", description = "The TorchScript module.")
    Path torchscript;

    @Option(
            names = "--features",
            required = true,
            paramLabel = "FILE",
            description = "The fitted features the module was trained on, as `prepare --fitted-features` wrote them.")
    Path features;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The bundle directory to write.")
    Path out;

    @Option(names = "--model-version", description = "The model version; default: torchscript, time and checksum.")
    String version;

    @Option(
            names = "--metrics",
            paramLabel = "FILE",
            description = "Optional JSON object of evaluation metrics to record, e.g. {\"test.auc\": 0.87}.")
    Path metrics;

    @Mixin
    ItemFileOptions itemFile = new ItemFileOptions();

    @Override
    public Integer call() throws Exception {
        FittedFeatures fitted = FittedFeaturesJson.read(features);
        Map<String, Double> recorded = metrics == null
                ? Map.of()
                : JsonMapper.builder().build().readValue(metrics.toFile(), new TypeReference<Map<String, Double>>() {});
        Steps steps = Steps.onStandardError();
        Files.createDirectories(out);
        steps.run(
                "copying " + torchscript,
                () -> Files.copy(torchscript, out.resolve(MODULE_FILE), StandardCopyOption.REPLACE_EXISTING));
        Instant now = Instant.now();
        BundleManifest manifest = steps.run(
                "hashing it and writing the manifest",
                () -> ModelBundle.writeManifest(
                        out,
                        new BundleManifest(
                                        BundleManifest.FORMAT_VERSION,
                                        "din",
                                        version,
                                        now.toString(),
                                        null,
                                        fitted,
                                        recorded,
                                        new BundleManifest.TrainingData(
                                                "imported from " + torchscript.toAbsolutePath(), null, 0),
                                        MODULE_FILE,
                                        null,
                                        new TreeMap<>(itemFile.names()),
                                        BundleManifest.TORCHSCRIPT)
                                .withVersionIfAbsent(defaultVersion(now))));
        // Loading checks that the module takes the service's inputs; a module that does not is refused here.
        try (ModelBundle loaded = steps.run(
                "loading it to check it takes the service's inputs", () -> ModelBundle.load(out, Device.cpu()))) {
            System.out.printf(
                    "TorchScript bundle %s written to %s (SHA-256 %s); it takes the service's inputs%n",
                    loaded.manifest().version(), out, manifest.parametersSha256());
        }
        return 0;
    }

    private static String defaultVersion(Instant now) {
        return "torchscript-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(now);
    }
}
