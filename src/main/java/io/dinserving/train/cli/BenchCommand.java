package io.dinserving.train.cli;

import ai.djl.Device;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.FeatureEncoder;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.Item;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.serving.BatchScorer;
import io.dinserving.serving.DeviceSelector;
import io.dinserving.serving.ModelProperties.DeviceChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Time the model's forward passes alone (no HTTP, no queue), as one scoring worker runs them.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "models/default", description = "Bundle. Default: ${DEFAULT-VALUE}.")
    Path model;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            description = "cpu, gpu or auto (a GPU when the engine sees one). Default: ${DEFAULT-VALUE}.")
    DeviceChoice device;

    @Option(
            names = "--behaviours",
            defaultValue = "50",
            description = "Behaviours per request. Default: ${DEFAULT-VALUE}.")
    int behaviours;

    @Option(
            names = "--candidates",
            defaultValue = "100,1000",
            split = ",",
            description = "Candidates per request, one run each. Default: ${DEFAULT-VALUE}.")
    List<Integer> candidates;

    @Option(
            names = "--requests",
            defaultValue = "1",
            split = ",",
            description = "Requests per forward pass (a dynamic batch), one run each. Default: ${DEFAULT-VALUE}.")
    List<Integer> requests;

    @Option(
            names = "--max-rows",
            defaultValue = "512",
            description = "Most candidate rows per pass, as din.batching.max-batch-rows. Default: ${DEFAULT-VALUE}.")
    int maxRows;

    @Option(
            names = "--iterations",
            defaultValue = "300",
            description = "Timed passes per run. Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--warmup", defaultValue = "50", description = "Untimed passes first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(
            names = "--explain",
            description =
                    "Also time each one-request shape explained (scores with attention weights), beside the plain pass.")
    boolean explain;

    @Override
    public Integer call() throws Exception {
        Device on = DeviceSelector.select(device, "--device");
        try (ModelBundle bundle = ModelBundle.load(model, on);
                BatchScorer scorer = new BatchScorer(bundle, maxRows)) {
            FeatureEncoder encoder = bundle.encoder();
            FeatureSpec spec = encoder.spec();
            RequestEncoder requests = new RequestEncoder(encoder);
            List<String> items = encoder.features()
                    .vocabularies()
                    .get(spec.item().vocabulary())
                    .tokens();
            Random random = new Random(1);
            System.out.printf(
                    "model %s on %s, %d behaviours, at most %d rows per pass, intra-op threads %s%n",
                    bundle.manifest().version(),
                    DeviceSelector.label(on),
                    behaviours,
                    maxRows,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"));
            System.out.println(PassTimings.HEADER);
            for (int r : this.requests) {
                for (int c : candidates) {
                    List<EncodedRequest> batch = new ArrayList<>();
                    for (int i = 0; i < r; i++) {
                        batch.add(requests.encode(
                                pick(items, behaviours, random), pick(items, c, random), Map.of(), Map.of()));
                    }
                    System.out.println(PassTimings.measure(warmup, iterations, () -> scorer.process(batch))
                            .row(r + " x " + c, r * c));
                    if (explain && r == 1) {
                        EncodedRequest one = batch.get(0);
                        EncodedBatch laidOut = EncodedBatch.of(
                                List.of(one.context()),
                                List.of(one.candidates()),
                                spec.attention().size(),
                                EncodedBatch.longestHistory(List.of(one.context())));
                        int[] lengths = {one.context().length()};
                        System.out.println(PassTimings.measure(
                                        warmup,
                                        iterations,
                                        () -> bundle.scorer().explain(laidOut, lengths))
                                .row(r + " x " + c + " explained", c));
                    }
                }
            }
        }
        return 0;
    }

    private static List<Item> pick(List<String> items, int n, Random random) {
        List<Item> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Item.of(items.get(random.nextInt(items.size()))));
        }
        return out;
    }
}
