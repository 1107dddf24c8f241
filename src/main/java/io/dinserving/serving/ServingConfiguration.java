package io.dinserving.serving;

import ai.djl.Device;
import io.dinserving.batching.BatchingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the configured versions and starts their scoring workers. Each worker creates its scorer
 * and runs a warm-up forward pass before the context finishes starting, so the service is never
 * ready with a cold model; later versions are warmed up the same way before they take traffic.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    ModelProperties.class,
    GateProperties.class,
    RolloutProperties.class,
    BatchingProperties.class
})
class ServingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServingConfiguration.class);

    /** Closed after the web server has stopped taking and finished its requests (graceful shutdown). */
    @Bean(destroyMethod = "close")
    ModelRegistry modelRegistry(
            ModelProperties properties,
            RolloutProperties rollout,
            BatchingProperties batching,
            ObjectProvider<ServingListener> listener,
            ObjectProvider<VersionGate> gate) {
        Device device = DeviceSelector.select(properties.device());
        ModelRegistry registry = new ModelRegistry(
                properties,
                batching,
                device,
                listener.getIfAvailable(ServingListener::none),
                gate.getIfAvailable(VersionGate::open),
                rollout);
        registry.start();
        log.info(
                "Scoring with {} workers per version, batching {} (max {} rows, max delay {}); polling {} every {}",
                batching.workers(),
                batching.enabled() ? "on" : "off",
                batching.effectiveMaxBatchRows(),
                batching.effectiveMaxDelay(),
                properties.path().toAbsolutePath(),
                properties.pollInterval().isZero() ? "never (polling off)" : properties.pollInterval());
        return registry;
    }

    @Bean
    ModelHealthIndicator modelHealthIndicator(ModelRegistry registry) {
        return new ModelHealthIndicator(registry);
    }

    @Bean
    ModelInfoContributor modelInfoContributor(ModelRegistry registry) {
        return new ModelInfoContributor(registry);
    }

    @Bean
    ModelsEndpoint modelsEndpoint(ModelRegistry registry) {
        return new ModelsEndpoint(registry);
    }
}
