package io.dinserving.bundle;

import io.dinserving.feature.FittedFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fitted features as a JSON file of their own, in the shape the manifest's {@code features} holds:
 * what {@code prepare} writes for a model trained elsewhere, and {@code import} reads back.
 */
public final class FittedFeaturesJson {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private FittedFeaturesJson() {}

    public static void write(FittedFeatures features, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        JSON.writeValue(file.toFile(), features);
    }

    /** @throws BundleException naming the file and what is wrong with it */
    public static FittedFeatures read(Path file) {
        try {
            return JSON.readValue(file.toFile(), FittedFeatures.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new BundleException(file + " holds no valid fitted features: " + e.getMessage(), e);
        }
    }
}
