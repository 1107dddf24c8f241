package io.dinserving.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a repository takes as a version, and what a bundle may name. */
class ModelRepositoryTest {

    static final Path DEFAULT = Path.of("models/default");

    @TempDir
    Path repository;

    @TempDir
    Path elsewhere;

    private static Path copyBundle(Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(DEFAULT)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    @Test
    void onlyNumbersWithoutLeadingZerosOfAtMost18DigitsAreVersions() throws IOException {
        for (String name : new String[] {"7", "007", "-1", "12345678901234567890", "0", "latest"}) {
            Files.createDirectories(repository.resolve(name));
        }

        assertThat(new ModelRepository(repository).scan())
                .extracting(ModelRepository.BundleDirectory::version)
                .containsExactly("7");
    }

    @Test
    void aVersionLinkedFromOutsideIsIgnoredUnlessAllowed() throws IOException {
        Path outside = copyBundle(elsewhere.resolve("bundle"));
        Files.createSymbolicLink(repository.resolve("3"), outside);
        copyBundle(repository.resolve("2"));
        Files.createSymbolicLink(repository.resolve("4"), repository.resolve("2"));

        assertThat(new ModelRepository(repository).scan())
                .extracting(ModelRepository.BundleDirectory::version)
                .containsExactly("2", "4");
        assertThat(new ModelRepository(repository, true).scan())
                .extracting(ModelRepository.BundleDirectory::version)
                .containsExactly("2", "3", "4");
    }

    @Test
    void parametersOutsideTheBundleAreRefused() throws IOException {
        Path bundle = copyBundle(repository.resolve("1"));
        Path manifest = bundle.resolve(ModelBundle.MANIFEST);
        String json = Files.readString(manifest);
        String parameters = ModelBundle.readManifest(bundle).parameters();
        Files.writeString(manifest, json.replace("\"" + parameters + "\"", "\"../../../../etc/passwd\""));

        assertThatThrownBy(() -> ModelBundle.readManifest(bundle))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("names parameters '../../../../etc/passwd' outside its bundle");
    }

    @Test
    void aManifestBeyondTheLimitIsNotParsed() throws IOException {
        Path bundle = Files.createDirectories(repository.resolve("1"));
        try (RandomAccessFile huge =
                new RandomAccessFile(bundle.resolve(ModelBundle.MANIFEST).toFile(), "rw")) {
            huge.setLength(ModelBundle.MAX_MANIFEST_BYTES + 1); // sparse: no disk is written
        }

        assertThatThrownBy(() -> ModelBundle.readManifest(bundle))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("more than a manifest may be");
    }

    @Test
    void publishingSaysSoWhenVersionNumbersRunOut() throws IOException {
        Files.createDirectories(repository.resolve(String.valueOf(ModelRepository.MAX_VERSION)));
        Path staged = copyBundle(Files.createTempDirectory(repository, ".staging-"));

        assertThatThrownBy(() -> new ModelRepository(repository).publish(staged))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("have run out at " + ModelRepository.MAX_VERSION);
    }
}
