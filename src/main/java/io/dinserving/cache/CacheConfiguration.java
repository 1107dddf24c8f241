package io.dinserving.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dinserving.ranking.RankedItem;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the one Caffeine cache of ranked responses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

    @Bean
    Cache<RecommendationKey, List<RankedItem>> recommendationCache(CacheProperties properties) {
        return Caffeine.newBuilder()
                .maximumWeight(properties.enabled() ? properties.maxBytes().toBytes() : 0)
                .weigher(new RecommendationWeigher())
                .expireAfterWrite(properties.ttl())
                .recordStats()
                .build();
    }
}
