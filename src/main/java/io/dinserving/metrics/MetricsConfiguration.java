package io.dinserving.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import io.dinserving.cache.RecommendationKey;
import io.dinserving.model.ModelRegistry;
import io.dinserving.ranking.RankedItem;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the service's meters, the cache binder, and the model's health and info. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

    /** The response cache's name in the {@code cache} tag. */
    static final String CACHE_NAME = "recommendations";

    /** Caffeine's binder names meters {@code cache.*}; ours carry the {@code din.} prefix too. */
    @Bean
    MeterFilter dinCachePrefix() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().startsWith("cache.") && CACHE_NAME.equals(id.getTag("cache"))) {
                    return id.withName("din." + id.getName());
                }
                return id;
            }
        };
    }

    @Bean
    ServingMetrics servingMetrics(
            MeterRegistry registry, MetricsProperties properties, Cache<RecommendationKey, List<RankedItem>> cache) {
        CaffeineCacheMetrics.monitor(registry, cache, CACHE_NAME);
        return new ServingMetrics(registry, properties.latencySlos());
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
