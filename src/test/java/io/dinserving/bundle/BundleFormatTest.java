package io.dinserving.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.FeatureSpec.AttentionPair.Role;
import io.dinserving.feature.Item;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.serving.BatchScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a bundle directory must hold, and how an older or damaged one is read. */
class BundleFormatTest {

    static final Path DEFAULT = Path.of("models/default");

    @TempDir
    Path dir;

    private Path copyOfDefault(String manifestJson) throws Exception {
        Files.copy(DEFAULT.resolve("din-0000.params"), dir.resolve("din-0000.params"));
        Files.writeString(dir.resolve(ModelBundle.MANIFEST), manifestJson);
        return dir;
    }

    private static float[] scores(ModelBundle bundle) {
        RequestEncoder encoder = new RequestEncoder(bundle.encoder());
        EncodedRequest request = encoder.encode(
                List.of(Item.of("i1"), Item.of("i2"), Item.of("i430")),
                List.of(Item.of("i7"), Item.of("i512"), Item.of("unknown")),
                Map.of(),
                Map.of());
        return new BatchScorer(bundle, 64).process(List.of(request)).get(0);
    }

    /** Format 1 knew roles only by position and name; reading it upgrades and serves identically. */
    @Test
    void aFormatOneBundleIsUpgradedOnReadAndScoresAsBefore() throws Exception {
        Path old = copyOfDefault(Files.readString(Path.of("src/test/resources/bundles/format-1-manifest.json")));
        try (ModelBundle upgraded = ModelBundle.load(old, Device.cpu());
                ModelBundle current = ModelBundle.load(DEFAULT, Device.cpu())) {
            BundleManifest manifest = upgraded.manifest();
            assertThat(manifest.formatVersion()).isEqualTo(BundleManifest.FORMAT_VERSION);
            assertThat(manifest.spec().attention())
                    .extracting(p -> p.role())
                    .containsExactly(Role.ITEM, Role.ATTRIBUTE);
            assertThat(manifest.spec().attributeNames()).containsExactly("category");
            assertThat(manifest.features().catalogue().value("category", "i0")).isEqualTo("c0");
            assertThat(manifest.parametersSha256()).isNull();
            assertThat(manifest.features()).isEqualTo(current.manifest().features());
            assertThat(scores(upgraded)).containsExactly(scores(current));
        }
    }

    @Test
    void theDefaultBundleRecordsItsParameterChecksum() {
        assertThat(ModelBundle.readManifest(DEFAULT).parametersSha256()).hasSize(64);
    }

    @Test
    void aParameterFileThatDoesNotMatchItsChecksumIsRefused() throws Exception {
        Path bundle = copyOfDefault(Files.readString(DEFAULT.resolve(ModelBundle.MANIFEST)));
        byte[] bytes = Files.readAllBytes(bundle.resolve("din-0000.params"));
        Files.write(bundle.resolve("din-0000.params"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelBundle.load(bundle, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("din-0000.params has SHA-256")
                .hasMessageContaining("the file is incomplete or not the one trained with this manifest");
    }

    /** Without a checksum to check, DJL's own "null" would be all a truncated file got. */
    @Test
    void aTruncatedParameterFileWithoutAChecksumIsRefusedInPlainWords() throws Exception {
        Path bundle = copyOfDefault(Files.readString(Path.of("src/test/resources/bundles/format-1-manifest.json")));
        byte[] bytes = Files.readAllBytes(bundle.resolve("din-0000.params"));
        Files.write(bundle.resolve("din-0000.params"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelBundle.load(bundle, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("din-0000.params: the file is truncated, corrupt or written for another "
                        + "architecture than the manifest's")
                .message()
                .doesNotEndWith(": null");
    }

    @Test
    void aManifestThatIsNotJsonIsRefusedNamingTheFile() throws Exception {
        Path bundle = copyOfDefault("\u0000\u0017garbage");
        assertThatThrownBy(() -> ModelBundle.load(bundle, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(ModelBundle.MANIFEST + " is not a valid manifest");
    }

    /** The spec checks itself when loaded: roles are declared, not guessed. */
    @Test
    void aSpecWithoutRolesOrWithTheItemNotFirstIsRefusedSayingWhy() throws Exception {
        String json = Files.readString(DEFAULT.resolve(ModelBundle.MANIFEST));
        Path noRole = copyOfDefault(json.replaceFirst("\"role\" : \"ITEM\",", ""));
        assertThatThrownBy(() -> ModelBundle.load(noRole, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("attention pair 'itemId' declares no role (ITEM or ATTRIBUTE)");
        Files.writeString(
                dir.resolve(ModelBundle.MANIFEST), json.replace("\"role\" : \"ATTRIBUTE\"", "\"role\" : \"ITEM\""));
        assertThatThrownBy(() -> ModelBundle.load(dir, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(
                        "attention pair 'category' has the ITEM role, but only the first pair is the item");
    }
}
