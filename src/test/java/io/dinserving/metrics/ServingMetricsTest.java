package io.dinserving.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.Item;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.serving.BatchScorer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServingMetricsTest {

    /** A 1,000-candidate request scored in passes of at most 512 rows is two passes, not one. */
    @Test
    void aSplitRequestIsRecordedOncePerForwardPass() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ServingMetrics metrics = new ServingMetrics(registry);
        try (ModelBundle bundle = ModelBundle.load(Path.of("models/default"), Device.cpu())) {
            RequestEncoder encoder = new RequestEncoder(bundle.encoder());
            List<Item> candidates = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                candidates.add(Item.of("i" + i));
            }
            EncodedRequest request = encoder.encode(List.of(Item.of("i1")), candidates, Map.of(), Map.of());
            new BatchScorer(bundle, 512, metrics.passes("v1")).process(List.of(request));
        }
        assertThat(registry.get("din.batch.size").tag("version", "v1").summary().count())
                .isEqualTo(2);
        assertThat(registry.get("din.batch.size").tag("version", "v1").summary().totalAmount())
                .isEqualTo(1000);
        assertThat(registry.get("din.batch.size").tag("version", "v1").summary().max())
                .isEqualTo(512);
        assertThat(registry.get("din.inference.latency")
                        .tag("version", "v1")
                        .timer()
                        .count())
                .isEqualTo(2);
    }
}
