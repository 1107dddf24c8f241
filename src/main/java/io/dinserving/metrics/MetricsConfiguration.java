package io.dinserving.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import io.dinserving.cache.RecommendationKey;
import io.dinserving.ranking.RankedItem;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the service's meters, the cache binder and the request-latency buckets. */
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
        return new ServingMetrics(registry);
    }

    /**
     * Spring times every request as {@code http.server.requests}; this gives it a percentile histogram,
     * so quantiles aggregate across pods, and the configured SLO buckets.
     */
    @Bean
    MeterFilter requestLatencyBuckets(MetricsProperties properties) {
        double[] slos =
                properties.latencySlos().stream().mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .serviceLevelObjectives(slos)
                        .build()
                        .merge(config);
            }
        };
    }
}
