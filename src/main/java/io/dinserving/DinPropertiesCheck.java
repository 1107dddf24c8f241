package io.dinserving;

import io.dinserving.feature.ClosestName;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fails the start on a {@code din.*} setting this service does not have. Spring would otherwise
 * ignore {@code din.batching.max-dealy=5ms} and run with the default, and nobody would know.
 *
 * <p>The known keys are those of the configuration metadata that {@code
 * spring-boot-configuration-processor} generates from the {@code @ConfigurationProperties} records,
 * so a new setting is known as soon as it is declared. Settings from the command line, system
 * properties and configuration files count, in any of Spring's relaxed forms ({@code
 * --din.batching.maxDelay}); environment variables do not (see {@link #check}).
 */
public final class DinPropertiesCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final ConfigurationPropertyName DIN = ConfigurationPropertyName.of("din");

    /** Registered in {@code META-INF/spring.factories}: runs once the environment is known, before any bean. */
    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    /** @throws UnknownSettingsException naming every unknown key and the keys there are */
    static void check(ConfigurableEnvironment environment) {
        Set<String> known = knownKeys();
        if (known.isEmpty()) {
            return; // no metadata on the class path (an IDE run without annotation processing)
        }
        Set<String> uniformKnown =
                known.stream().map(DinPropertiesCheck::uniform).collect(Collectors.toSet());
        // A map setting (din.model.traffic) takes keys of the user's choosing below its name.
        Set<String> mapPrefixes =
                mapKeys().stream().map(key -> uniform(key) + ".").collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            // Environment variables are not held to it: Kubernetes sets DIN_SERVING_SERVICE_HOST and
            // the like for a service of this name, and the project's own DIN_LOG_FORMAT is no setting.
            if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
                continue;
            }
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream()
                        .filter(DIN::isAncestorOf)
                        .map(DinPropertiesCheck::withoutIndices)
                        .filter(key -> !uniformKnown.contains(uniform(key)))
                        .filter(key -> mapPrefixes.stream().noneMatch(uniform(key)::startsWith))
                        .forEach(unknown::add);
            }
        }
        if (!unknown.isEmpty()) {
            java.util.Map<String, String> closest = new java.util.LinkedHashMap<>();
            unknown.forEach(key -> closest.put(key, ClosestName.of(key, known)));
            throw new UnknownSettingsException(closest, known);
        }
    }

    /** The form Spring's relaxed binding compares: {@code maxBatchRows}, {@code max-batch-rows} alike. */
    private static String uniform(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code din.metrics.latency-slos[0]} is the list {@code din.metrics.latency-slos}. */
    private static String withoutIndices(ConfigurationPropertyName name) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i)) {
                continue;
            }
            if (!key.isEmpty()) {
                key.append('.');
            }
            key.append(name.getElement(i, ConfigurationPropertyName.Form.DASHED));
        }
        return key.toString();
    }

    static Set<String> knownKeys() {
        return keys(type -> true);
    }

    /** The settings whose type is a map. */
    static Set<String> mapKeys() {
        return keys(type -> type.startsWith("java.util.Map"));
    }

    private static Set<String> keys(java.util.function.Predicate<String> ofType) {
        JsonMapper json = JsonMapper.builder().build();
        Set<String> keys = new TreeSet<>();
        try {
            Enumeration<URL> files = DinPropertiesCheck.class.getClassLoader().getResources(METADATA);
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString("");
                        if (name.startsWith("din.")
                                && ofType.test(property.path("type").asString(""))) {
                            keys.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + METADATA + ": " + e.getMessage(), e);
        }
        return keys;
    }
}
