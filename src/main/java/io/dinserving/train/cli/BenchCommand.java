package io.dinserving.train.cli;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.FeatureEncoder;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.Item;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.model.ModelBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time the model's forward pass alone (encode excluded), per request shape, on one thread.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "models/default", description = "Bundle. Default: ${DEFAULT-VALUE}.")
    Path model;

    @Option(names = "--behaviours", defaultValue = "50", description = "Behaviours per request. Default: ${DEFAULT-VALUE}.")
    int behaviours;

    @Option(names = "--candidates", defaultValue = "100,1000", split = ",",
            description = "Candidates per request, one run each. Default: ${DEFAULT-VALUE}.")
    List<Integer> candidates;

    @Option(names = "--requests", defaultValue = "1", split = ",",
            description = "Requests per forward pass (a dynamic batch), one run each. Default: ${DEFAULT-VALUE}.")
    List<Integer> requests;

    @Option(names = "--iterations", defaultValue = "300", description = "Timed passes per run. Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--warmup", defaultValue = "50", description = "Untimed passes first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Override
    public Integer call() throws Exception {
        try (ModelBundle bundle = ModelBundle.load(model, Device.cpu());
                Predictor<EncodedBatch, float[]> predictor = bundle.newPredictor()) {
            FeatureEncoder encoder = bundle.encoder();
            FeatureSpec spec = encoder.spec();
            RequestEncoder requests = new RequestEncoder(encoder, bundle.manifest().itemCategories());
            List<String> items = bundle.manifest().vocabularies().get(spec.item().vocabulary());
            Random random = new Random(1);
            System.out.printf("model %s, %d behaviours, threads: intra-op %s%n", bundle.manifest().version(), behaviours,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"));
            System.out.println("| requests x candidates | rows | mean ms | p50 ms | p95 ms | p99 ms | rows/s |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int r : this.requests) {
                for (int c : candidates) {
                    List<EncodedRequest> batch = new ArrayList<>();
                    for (int i = 0; i < r; i++) {
                        batch.add(requests.encode(pick(items, behaviours, random), pick(items, c, random), Map.of()));
                    }
                    EncodedBatch encoded = EncodedBatch.of(batch.stream().map(EncodedRequest::context).toList(),
                            batch.stream().map(EncodedRequest::candidates).toList(), spec.attention().size(),
                            spec.maxLength());
                    for (int i = 0; i < warmup; i++) {
                        predictor.predict(encoded);
                    }
                    long[] nanos = new long[iterations];
                    for (int i = 0; i < iterations; i++) {
                        long t = System.nanoTime();
                        predictor.predict(encoded);
                        nanos[i] = System.nanoTime() - t;
                    }
                    Arrays.sort(nanos);
                    double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
                    System.out.printf(Locale.ROOT, "| %d x %d | %d | %.2f | %.2f | %.2f | %.2f | %,.0f |%n", r, c,
                            r * c, mean, pct(nanos, 50), pct(nanos, 95), pct(nanos, 99), r * c / (mean / 1e3));
                }
            }
        }
        return 0;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static List<Item> pick(List<String> items, int n, Random random) {
        List<Item> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Item(items.get(random.nextInt(items.size())), null));
        }
        return out;
    }
}
