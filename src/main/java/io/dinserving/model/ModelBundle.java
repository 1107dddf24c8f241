package io.dinserving.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.FeatureEncoder;
import io.dinserving.feature.NumericStats;
import io.dinserving.feature.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loaded model bundle: the manifest, the feature encoder built from its vocabularies, and the
 * DJL model holding its parameters. Close it to free the native memory.
 *
 * <p>A bundle is a directory holding {@value #MANIFEST} and the parameter file it names.
 */
public final class ModelBundle implements AutoCloseable {

    /** The manifest file name. */
    public static final String MANIFEST = "manifest.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final BundleManifest manifest;
    private final FeatureEncoder encoder;
    private final Model model;
    private final CompiledDin compiled;

    private ModelBundle(BundleManifest manifest, FeatureEncoder encoder, Model model, CompiledDin compiled) {
        this.manifest = manifest;
        this.encoder = encoder;
        this.model = model;
        this.compiled = compiled;
    }

    /**
     * Loads a bundle onto a device.
     *
     * @throws BundleException naming the missing file or the unknown format version
     */
    public static ModelBundle load(Path directory, Device device) {
        BundleManifest manifest = readManifest(directory);
        Path parameters = directory.resolve(manifest.parameters());
        if (!Files.isRegularFile(parameters)) {
            throw new BundleException("model bundle " + directory + " lacks its parameter file " + manifest.parameters());
        }
        FeatureEncoder encoder = encoder(manifest);
        Model model = Model.newInstance(manifest.name(), device);
        CompiledDin compiled;
        try {
            DinBlock block = new DinBlock(manifest.spec(), vocabularySizes(manifest), manifest.model());
            model.setBlock(block);
            model.load(directory, manifest.name());
            compiled = CompiledDin.compile(block, model.getNDManager());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new BundleException("cannot load parameters " + parameters + ": " + e.getMessage(), e);
        }
        return new ModelBundle(manifest, encoder, model, compiled);
    }

    /** Reads and checks a bundle's manifest without loading its parameters. */
    public static BundleManifest readManifest(Path directory) {
        Path file = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new BundleException("model bundle " + directory + " lacks " + MANIFEST);
        }
        BundleManifest manifest;
        try {
            int version = JSON.readTree(file.toFile()).path("formatVersion").asInt(-1);
            if (version != BundleManifest.FORMAT_VERSION) {
                throw new BundleException("model bundle " + directory + " has format version " + version
                        + " in " + MANIFEST + "; this build reads version " + BundleManifest.FORMAT_VERSION);
            }
            manifest = JSON.readValue(file.toFile(), BundleManifest.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new BundleException("model bundle " + directory + " has an unreadable " + MANIFEST + ": "
                    + e.getMessage(), e);
        }
        if (manifest.parameters() == null || manifest.name() == null || manifest.version() == null) {
            throw new BundleException(file + " must name 'name', 'version' and 'parameters'");
        }
        return manifest;
    }

    /** Writes a manifest into a bundle directory. */
    public static void writeManifest(Path directory, BundleManifest manifest) throws IOException {
        Files.createDirectories(directory);
        JSON.writeValue(directory.resolve(MANIFEST).toFile(), manifest);
    }

    /** The encoder described by a manifest. */
    public static FeatureEncoder encoder(BundleManifest manifest) {
        Map<String, Vocabulary> vocabularies = new LinkedHashMap<>();
        manifest.vocabularies().forEach((name, tokens) -> vocabularies.put(name, new Vocabulary(tokens)));
        Map<String, NumericStats> stats = manifest.numericStats();
        return new FeatureEncoder(manifest.spec(), vocabularies, stats);
    }

    /** Embedding table sizes, reserved ids included. */
    public static Map<String, Integer> vocabularySizes(BundleManifest manifest) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        manifest.vocabularies().forEach((name, tokens) -> sizes.put(name, Vocabulary.FIRST_TOKEN_ID + tokens.size()));
        return sizes;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    public Model model() {
        return model;
    }

    /** The model compiled for inference: what serving scores with. Thread-safe. */
    public CompiledDin compiled() {
        return compiled;
    }

    /**
     * A new predictor over the training graph in eval mode; not thread-safe. Serving uses {@link
     * #compiled()}; this is the reference it is tested against.
     */
    public Predictor<EncodedBatch, float[]> newPredictor() {
        return model.newPredictor(new DinTranslator());
    }

    @Override
    public void close() {
        compiled.close();
        model.close();
    }
}
