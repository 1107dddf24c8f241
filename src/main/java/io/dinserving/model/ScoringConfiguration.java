package io.dinserving.model;

import ai.djl.Device;
import io.dinserving.batching.BatchListener;
import io.dinserving.batching.BatchingProperties;
import io.dinserving.batching.DynamicBatcher;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.RequestEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the bundle and starts the scoring workers. Each worker creates its predictor and runs a
 * warm-up forward pass before the context finishes starting, so the service is never ready with a
 * cold model.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ModelProperties.class, BatchingProperties.class})
class ScoringConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ScoringConfiguration.class);

    @Bean(destroyMethod = "close")
    ModelBundle modelBundle(ModelProperties properties) {
        Device device = DeviceSelector.select(properties.device());
        long started = System.nanoTime();
        ModelBundle bundle = ModelBundle.load(properties.path(), device);
        log.info(
                "Loaded model {} from {} on device {} (setting '{}') in {} ms",
                bundle.manifest().version(),
                properties.path().toAbsolutePath(),
                DeviceSelector.label(device),
                properties.device().name().toLowerCase(),
                (System.nanoTime() - started) / 1_000_000);
        return bundle;
    }

    /** What the served bundle declares: its version and fitted features, without its parameters. */
    @Bean
    BundleManifest servedManifest(ModelBundle bundle) {
        return bundle.manifest();
    }

    @Bean
    RequestEncoder requestEncoder(ModelBundle bundle) {
        return new RequestEncoder(bundle.encoder());
    }

    @Bean(destroyMethod = "close")
    DynamicBatcher<EncodedRequest, float[]> scoringBatcher(
            ModelBundle bundle,
            BatchingProperties properties,
            ObjectProvider<BatchListener> listener,
            ObjectProvider<PassListener> passes) {
        PassListener passListener = passes.getIfAvailable(PassListener::none);
        DynamicBatcher<EncodedRequest, float[]> batcher = new DynamicBatcher<>(
                properties.effectiveMaxBatchRows(),
                properties.effectiveMaxDelay(),
                properties.queueCapacity(),
                properties.workers(),
                EncodedRequest::rows,
                () -> BatchScorer.warmedUp(bundle, properties.maxBatchRows(), passListener),
                System::nanoTime,
                listener.getIfAvailable(BatchListener::none),
                "din-scorer");
        log.info(
                "Scoring with {} workers, batching {} (max {} rows, max delay {})",
                properties.workers(),
                properties.enabled() ? "on" : "off",
                properties.effectiveMaxBatchRows(),
                properties.effectiveMaxDelay());
        return batcher;
    }
}
