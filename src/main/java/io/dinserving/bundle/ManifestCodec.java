package io.dinserving.bundle;

import io.dinserving.feature.FeatureSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code manifest.json}. A manifest of an older format version is upgraded on
 * read, so bundles written by earlier releases keep serving; anything else is refused with a
 * message that says what is wrong.
 */
final class ManifestCodec {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ManifestCodec() {}

    static BundleManifest read(Path file) {
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            if (!tree.isObject()) {
                throw new BundleException(file + " is not a JSON object");
            }
            int version = tree.path("formatVersion").asInt(-1);
            if (version == 1) {
                tree = upgradeFromVersion1((ObjectNode) tree);
            } else if (version != BundleManifest.FORMAT_VERSION) {
                throw new BundleException(file + " has format version " + version + "; this build reads versions 1 to "
                        + BundleManifest.FORMAT_VERSION);
            }
            BundleManifest manifest = JSON.treeToValue(tree, BundleManifest.class);
            if (manifest.parameters() == null || manifest.name() == null || manifest.version() == null) {
                throw new BundleException(file + " must name 'name', 'version' and 'parameters'");
            }
            return manifest;
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new BundleException(file + " is not a valid manifest: " + rootMessage(e), e);
        }
    }

    static void write(Path file, BundleManifest manifest) throws IOException {
        JSON.writeValue(file.toFile(), manifest);
    }

    /** SHA-256 of a file, lower-case hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Version 1 kept the spec, vocabularies, numeric statistics and a category catalogue at the top
     * level, and knew roles only by position and name: the first pair was the item, a pair named
     * {@code category} took the catalogue, and every profile feature was a user feature.
     */
    private static JsonNode upgradeFromVersion1(ObjectNode v1) {
        ObjectNode spec = (ObjectNode) v1.path("spec").deepCopy();
        ArrayNode attention = (ArrayNode) spec.path("attention");
        for (int p = 0; p < attention.size(); p++) {
            ((ObjectNode) attention.get(p)).put("role", p == 0 ? "ITEM" : "ATTRIBUTE");
        }
        JsonNode profile = spec.remove("profile");
        ArrayNode categorical = spec.putArray("categorical");
        if (profile != null) {
            profile.forEach(f -> categorical.add(((ObjectNode) f.deepCopy()).put("source", "USER")));
        }
        spec.path("numeric").forEach(f -> ((ObjectNode) f).put("source", "USER"));

        ObjectNode features = JSON.createObjectNode();
        features.set("spec", spec);
        features.set("vocabularies", v1.remove("vocabularies"));
        features.set("numericStats", v1.remove("numericStats"));
        ObjectNode catalogue = features.putObject("catalogue");
        JsonNode categories = v1.remove("itemCategories");
        boolean hasCategoryPair = false;
        for (JsonNode pair : attention) {
            hasCategoryPair |= pair.path("candidate").asString("").equals(FeatureSpec.LOG_CATEGORY);
        }
        if (hasCategoryPair && categories != null && !categories.isEmpty()) {
            catalogue.set(FeatureSpec.LOG_CATEGORY, categories);
        }
        v1.remove("spec");
        v1.set("features", features);
        v1.put("formatVersion", BundleManifest.FORMAT_VERSION);
        return v1;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        // Jackson appends where its parser stopped, in its own terms; the file name says enough.
        return message.lines().findFirst().orElse(message).replaceAll(" *\\(start marker at \\[Source:.*", "");
    }
}
