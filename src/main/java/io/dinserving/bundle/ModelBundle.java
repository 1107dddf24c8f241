package io.dinserving.bundle;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.FeatureEncoder;
import io.dinserving.nn.CompiledDin;
import io.dinserving.nn.DinBlock;
import io.dinserving.nn.DinTranslator;
import io.dinserving.nn.ForwardPass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A loaded model bundle: the manifest, the feature encoder built from its vocabularies, and the
 * DJL model holding its parameters. Close it to free the native memory.
 *
 * <p>A bundle is a directory holding {@value #MANIFEST} and the parameter file it names.
 */
public final class ModelBundle implements AutoCloseable {

    /** The manifest file name. */
    public static final String MANIFEST = "manifest.json";

    /**
     * The largest manifest read. Its vocabularies and catalogue grow with the item count; a manifest
     * beyond this would take gigabytes of heap to parse, on every reload.
     */
    public static final long MAX_MANIFEST_BYTES = 128L * 1024 * 1024;

    private final BundleManifest manifest;
    private final FeatureEncoder encoder;
    private final Model model;
    private final ForwardPass scorer;

    private ModelBundle(BundleManifest manifest, FeatureEncoder encoder, Model model, ForwardPass scorer) {
        this.manifest = manifest;
        this.encoder = encoder;
        this.model = model;
        this.scorer = scorer;
    }

    /**
     * Loads a bundle onto a device.
     *
     * @throws BundleException naming the missing file, the unknown format version, the invalid
     *     spec or the parameter file that does not match its checksum
     */
    public static ModelBundle load(Path directory, Device device) {
        BundleManifest manifest = readManifest(directory);
        Path parameters = directory.resolve(manifest.parameters());
        if (!Files.isRegularFile(parameters)) {
            throw new BundleException(
                    "model bundle " + directory + " lacks its parameter file " + manifest.parameters());
        }
        verifyChecksum(manifest, parameters);
        FeatureEncoder encoder = manifest.features().encoder();
        if (manifest.isTorchScript()) {
            return new ModelBundle(manifest, encoder, null, null).withTorchScript(directory, parameters, device);
        }
        Model model = Model.newInstance(manifest.name(), device);
        CompiledDin compiled;
        try {
            DinBlock block = new DinBlock(manifest.features(), manifest.model());
            model.setBlock(block);
            model.load(directory, manifest.name());
            compiled = CompiledDin.compile(block, model.getNDManager());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new BundleException("cannot load parameters " + parameters + ": " + describe(e), e);
        }
        return new ModelBundle(manifest, encoder, model, compiled);
    }

    /** Reads and checks a bundle's manifest, upgrading an older format, without loading parameters. */
    public static BundleManifest readManifest(Path directory) {
        Path file = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new BundleException("model bundle " + directory + " lacks " + MANIFEST);
        }
        try {
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                throw new BundleException(file + " is " + Files.size(file) + " bytes, more than a manifest may be ("
                        + MAX_MANIFEST_BYTES + "); vocabularies that large belong in a bundle built for them");
            }
        } catch (IOException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
        BundleManifest manifest = ManifestCodec.read(file);
        Path bundle = directory.toAbsolutePath().normalize();
        if (!bundle.equals(bundle.resolve(manifest.parameters()).normalize().getParent())) {
            throw new BundleException(file + " names parameters '" + manifest.parameters()
                    + "' outside its bundle; a bundle's parameter file is a file name in the bundle directory");
        }
        return manifest;
    }

    /**
     * Writes a manifest into a bundle directory, recording the SHA-256 of the parameter file it
     * names.
     */
    public static BundleManifest writeManifest(Path directory, BundleManifest manifest) throws IOException {
        Files.createDirectories(directory);
        BundleManifest withChecksum =
                manifest.withParametersSha256(ManifestCodec.sha256(directory.resolve(manifest.parameters())));
        ManifestCodec.write(directory.resolve(MANIFEST), withChecksum);
        return withChecksum;
    }

    private static void verifyChecksum(BundleManifest manifest, Path parameters) {
        if (manifest.parametersSha256() == null) {
            return; // written before bundles recorded checksums
        }
        String actual;
        try {
            actual = ManifestCodec.sha256(parameters);
        } catch (IOException e) {
            throw new BundleException("cannot read parameter file " + parameters + ": " + e.getMessage(), e);
        }
        if (!actual.equalsIgnoreCase(manifest.parametersSha256())) {
            throw new BundleException("parameter file " + parameters + " has SHA-256 " + actual
                    + " but the manifest records " + manifest.parametersSha256()
                    + ": the file is incomplete or not the one trained with this manifest");
        }
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

    /** What serving scores with: the DIN compiled for inference, or the imported module. Thread-safe. */
    public ForwardPass scorer() {
        return scorer;
    }

    /** Loads the TorchScript module a manifest names, in eval mode, and checks it takes our inputs. */
    private ModelBundle withTorchScript(Path directory, Path parameters, Device device) {
        Model module = Model.newInstance(manifest.name(), device, "PyTorch");
        try {
            String file = parameters.getFileName().toString();
            module.load(directory, file.endsWith(".pt") ? file.substring(0, file.length() - 3) : file);
            return new ModelBundle(manifest, encoder, module, TorchScriptForwardPass.of(module, manifest.spec()));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            module.close();
            if (e instanceof BundleException b) {
                throw b;
            }
            throw new BundleException("cannot load TorchScript module " + parameters + ": " + describe(e), e);
        }
    }

    /**
     * A new predictor over the training graph in eval mode; not thread-safe. Serving uses {@link
     * #scorer()}; this is the reference it is tested against.
     */
    public Predictor<EncodedBatch, float[]> newPredictor() {
        if (manifest.isTorchScript()) {
            throw new UnsupportedOperationException("an imported TorchScript model has no training graph");
        }
        return model.newPredictor(new DinTranslator());
    }

    @Override
    public void close() {
        if (scorer != null) {
            scorer.close();
        }
        if (model != null) {
            model.close();
        }
    }

    /**
     * DJL reports a short or foreign parameter file as "null" or "parameter weight has not been
     * initialized"; say what that means.
     */
    private static String describe(Exception e) {
        String message = e.getMessage();
        if (message == null
                || message.equals("null")
                || message.contains("has not been initialized")
                || e instanceof java.io.EOFException
                || e instanceof MalformedModelException) {
            return "the file is truncated, corrupt or written for another architecture than the manifest's"
                    + (message == null || message.equals("null") ? "" : " (" + message + ")");
        }
        return message;
    }
}
