package io.dinserving.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.dinserving.batching.BatchingProperties;
import io.dinserving.bundle.BundleException;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.bundle.ModelRepository;
import io.dinserving.serving.VersionStatus.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions coming and going in a model repository, without HTTP. */
class ModelRegistryTest {

    static final Path DEFAULT = Path.of("models/default");
    static final BatchingProperties BATCHING =
            new BatchingProperties(true, 64, Duration.ofMillis(1), 16, 2, Duration.ofSeconds(2));

    @TempDir
    Path repository;

    private final List<ModelRegistry> registries = new ArrayList<>();

    @AfterEach
    void closeRegistries() {
        registries.forEach(ModelRegistry::close);
    }

    private ModelRegistry start(Map<String, Integer> traffic, ServingListener listener) {
        ModelRegistry registry = new ModelRegistry(
                new ModelProperties(repository, null, null, null, Duration.ZERO, traffic),
                BATCHING,
                Device.cpu(),
                listener);
        registries.add(registry);
        registry.start();
        return registry;
    }

    /** Copies the default bundle in as a version, through a staging directory and a rename. */
    static Path publishDefault(Path repository) throws IOException {
        Path staged = Files.createTempDirectory(repository, ".staging-");
        copyBundle(DEFAULT, staged);
        return new ModelRepository(repository).publish(staged);
    }

    static void copyBundle(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Every live array of the engine: model parameters, compiled weights and anything leaked. */
    static int liveArrays() {
        try (NDManager probe = Engine.getInstance().newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static String versionFor(ModelRegistry registry, String userId) {
        try (VersionLease lease = registry.lease(userId)) {
            return lease.version().version();
        }
    }

    @Test
    void theHighestCompleteVersionServesAndANewerOneTakesOverAfterWarmUp() throws Exception {
        publishDefault(repository);
        ModelRegistry registry = start(Map.of(), ServingListener.none());
        assertThat(versionFor(registry, "u1")).isEqualTo("1");
        ServedVersion first = registry.servedModels().get(0);

        publishDefault(repository);
        registry.refresh();

        assertThat(versionFor(registry, "u1")).isEqualTo("2");
        assertThat(first.isClosed()).isTrue();
        assertThat(registry.statuses())
                .extracting(VersionStatus::version, VersionStatus::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2", State.SERVING),
                        org.assertj.core.groups.Tuple.tuple("1", State.RETIRED));
    }

    /** A request that leased the old version keeps it open until it is answered. */
    @Test
    void aRetiredVersionClosesOnlyWhenItsLastLeaseIsReturned() throws Exception {
        publishDefault(repository);
        ModelRegistry registry = start(Map.of(), ServingListener.none());
        VersionLease inFlight = registry.lease("u1");
        ServedVersion old = (ServedVersion) inFlight.version();

        publishDefault(repository);
        registry.refresh();

        assertThat(versionFor(registry, "u2")).isEqualTo("2");
        assertThat(old.isClosed()).isFalse();
        inFlight.close();
        assertThat(old.isClosed()).isTrue();
    }

    @Test
    void twentyReloadsLeaveAsManyLiveArraysAndAboutTheSameResidentMemory() throws Exception {
        publishDefault(repository);
        ModelRegistry registry = start(Map.of(), ServingListener.none());
        int arraysAfterFirstLoad = liveArrays();
        assertThat(arraysAfterFirstLoad).isPositive();
        // The JIT and the heap settle over the first reloads; resident memory is compared after them.
        for (int i = 0; i < 3; i++) {
            publishDefault(repository);
            registry.refresh();
        }
        System.gc();
        long rssAfterWarmUp = residentKb();

        for (int i = 0; i < 20; i++) {
            publishDefault(repository);
            registry.refresh();
            System.gc(); // keeps the heap from growing between collections, which RSS would show
        }

        assertThat(versionFor(registry, "u1")).isEqualTo("24");
        assertThat(liveArrays()).isEqualTo(arraysAfterFirstLoad);
        System.gc();
        // The heap may shrink after a collection; what must not happen is growth from unfreed models.
        assertThat((double) residentKb()).isLessThanOrEqualTo(1.10 * rssAfterWarmUp);
    }

    @Test
    void aCorruptNewVersionIsMarkedFailedWithItsReasonAndTheOldOneKeepsServing() throws Exception {
        publishDefault(repository);
        List<String> loads = new ArrayList<>();
        ModelRegistry registry = start(Map.of(), new ServingListener() {
            @Override
            public void loaded(String version, boolean success, String reason) {
                loads.add(version + ":" + (success ? "success" : "failure"));
            }
        });

        Path truncated = publishDefault(repository);
        byte[] params = Files.readAllBytes(truncated.resolve("din-0000.params"));
        Files.write(truncated.resolve("din-0000.params"), java.util.Arrays.copyOf(params, params.length / 3));
        registry.refresh();
        Path garbage = publishDefault(repository);
        Files.writeString(garbage.resolve(ModelBundle.MANIFEST), "{\"formatVersion\": 2, \"model\": [");
        registry.refresh();
        Path mismatch = publishDefault(repository);
        String manifest = Files.readString(mismatch.resolve(ModelBundle.MANIFEST));
        Files.writeString(
                mismatch.resolve(ModelBundle.MANIFEST),
                manifest.replaceAll(
                        "\"parametersSha256\" : \"[0-9a-f]+\"", "\"parametersSha256\" : \"" + "0".repeat(64) + "\""));
        registry.refresh();

        assertThat(versionFor(registry, "u1")).isEqualTo("1");
        Map<String, VersionStatus> byVersion = new HashMap<>();
        registry.statuses().forEach(s -> byVersion.put(s.version(), s));
        assertThat(byVersion.get("1").state()).isEqualTo(State.SERVING);
        assertThat(byVersion.get("2").state()).isEqualTo(State.FAILED);
        assertThat(byVersion.get("2").reason()).contains("din-0000.params has SHA-256");
        assertThat(byVersion.get("3").state()).isEqualTo(State.FAILED);
        assertThat(byVersion.get("3").reason()).contains("manifest.json is not a valid manifest");
        assertThat(byVersion.get("4").state()).isEqualTo(State.FAILED);
        assertThat(byVersion.get("4").reason()).contains("but the manifest records " + "0".repeat(64));
        assertThat(loads).containsExactly("1:success", "2:failure", "3:failure", "4:failure");

        // An unchanged failure is not tried again; the serving version stays.
        registry.refresh();
        assertThat(loads).containsExactly("1:success", "2:failure", "3:failure", "4:failure");
    }

    /** A version copied file by file is not loaded half-written; once its copy completes it is. */
    @Test
    void aHalfCopiedVersionIsRetriedOnceItsFilesChange() throws Exception {
        publishDefault(repository);
        ModelRegistry registry = start(Map.of(), ServingListener.none());
        Path copying = repository.resolve("2");
        Files.createDirectories(copying);
        Files.copy(DEFAULT.resolve(ModelBundle.MANIFEST), copying.resolve(ModelBundle.MANIFEST));
        registry.refresh();
        assertThat(versionFor(registry, "u1")).isEqualTo("1");

        Files.copy(DEFAULT.resolve("din-0000.params"), copying.resolve("din-0000.params"));
        registry.refresh();
        assertThat(versionFor(registry, "u1")).isEqualTo("2");
    }

    @Test
    void aTrafficSplitSendsEachUserToOneVersionByShare() throws Exception {
        publishDefault(repository);
        publishDefault(repository);
        ModelRegistry registry = start(Map.of("1", 90, "2", 10), ServingListener.none());
        Map<String, String> first = new HashMap<>();
        int toTwo = 0;
        for (int u = 0; u < 2000; u++) {
            String version = versionFor(registry, "user-" + u);
            first.put("user-" + u, version);
            toTwo += version.equals("2") ? 1 : 0;
        }
        assertThat(toTwo / 2000.0).isCloseTo(0.10, within(0.02));
        for (int u = 0; u < 2000; u++) {
            assertThat(versionFor(registry, "user-" + u)).isEqualTo(first.get("user-" + u));
        }
        assertThat(registry.shares()).containsEntry("1", 90.0).containsEntry("2", 10.0);
    }

    /** As TF Serving and Triton do: an empty, polled repository is alive but not ready until a version lands. */
    @Test
    void anEmptyRepositoryStartsNotReadyAndServesItsFirstVersionOnceItLands() throws Exception {
        ModelRegistry registry = new ModelRegistry(
                new ModelProperties(repository, null, null, null, Duration.ofHours(1), Map.of()),
                BATCHING,
                Device.cpu(),
                ServingListener.none());
        registries.add(registry);
        registry.start();
        ModelHealthIndicator readiness = new ModelHealthIndicator(registry);

        assertThat(registry.isServing()).isFalse();
        assertThat(readiness.health(false).getStatus())
                .isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
        assertThatThrownBy(() -> registry.lease("u1"))
                .isInstanceOfSatisfying(
                        NoVersionServingException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(503));

        publishDefault(repository);
        registry.refresh(); // what the poller runs

        assertThat(readiness.health(false).getStatus())
                .isEqualTo(org.springframework.boot.health.contributor.Status.UP);
        assertThat(versionFor(registry, "u1")).isEqualTo("1");
    }

    /** Without polling an empty repository could never serve, so it refuses to start. */
    @Test
    void anEmptyRepositoryThatIsNotPolledRefusesToStart() {
        assertThatThrownBy(() -> start(Map.of(), ServingListener.none()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("no version of " + repository + " could be loaded");
    }

    /** A pinned version keeps serving when a newer one arrives; latest is not the policy then. */
    @Test
    void theSpecificPolicyServesExactlyTheListedVersions() throws Exception {
        publishDefault(repository);
        publishDefault(repository);
        ModelRegistry registry = new ModelRegistry(
                new ModelProperties(
                        repository,
                        null,
                        ModelProperties.VersionPolicy.SPECIFIC,
                        List.of("1"),
                        Duration.ZERO,
                        Map.of()),
                BATCHING,
                Device.cpu(),
                ServingListener.none());
        registries.add(registry);
        registry.start();
        publishDefault(repository);
        registry.refresh();
        assertThat(registry.servedModels()).extracting(ServedVersion::version).containsExactly("1");
        assertThat(versionFor(registry, "u1")).isEqualTo("1");
    }

    @Test
    void aVersionNamedInTrafficThatIsMissingOrFailedStopsTheStart() throws Exception {
        publishDefault(repository);
        assertThatThrownBy(() -> start(Map.of("1", 90, "7", 10), ServingListener.none()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("version 7: not in " + repository);
        Path broken = publishDefault(repository);
        Files.writeString(broken.resolve(ModelBundle.MANIFEST), "not json");
        assertThatThrownBy(() -> start(Map.of("1", 50, "2", 50), ServingListener.none()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(
                        "version 2: " + broken.resolve(ModelBundle.MANIFEST) + " is not a valid manifest");
    }

    @Test
    void publishingTakesTheNextNumberInOneRename() throws Exception {
        assertThat(publishDefault(repository)).isEqualTo(repository.resolve("1"));
        Files.createDirectories(repository.resolve("9"));
        assertThat(publishDefault(repository)).isEqualTo(repository.resolve("10"));
        try (Stream<Path> left = Files.list(repository)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1", "9", "10");
        }
    }

    private ModelRegistry startProgressive(Duration bakeTime) {
        ModelRegistry registry = new ModelRegistry(
                new ModelProperties(repository, null, null, null, Duration.ZERO, Map.of()),
                BATCHING,
                Device.cpu(),
                ServingListener.none(),
                VersionGate.open(),
                new RolloutProperties(20, bakeTime));
        registries.add(registry);
        registry.start();
        return registry;
    }

    /** A new version serves its canary share beside the old one until an operator promotes it. */
    @Test
    void aNewVersionStartsAtItsCanaryShareAndTakesAllTrafficWhenPromoted() throws Exception {
        publishDefault(repository);
        ModelRegistry registry = startProgressive(Duration.ofHours(1));
        publishDefault(repository);
        registry.refresh();

        assertThat(registry.shares()).containsExactlyInAnyOrderEntriesOf(Map.of("1", 80.0, "2", 20.0));
        assertThat(registry.canaryVersion()).isEqualTo("2");
        Map<String, Integer> reached = new HashMap<>();
        for (int u = 0; u < 400; u++) {
            reached.merge(versionFor(registry, "user-" + u), 1, Integer::sum);
        }
        assertThat(reached.get("2")).isBetween(40, 120);

        registry.promote();

        assertThat(registry.shares()).containsExactly(Map.entry("2", 100.0));
        assertThat(registry.canaryVersion()).isNull();
        assertThat(registry.servedModels()).extracting(ServedVersion::version).containsExactly("2");
    }

    @Test
    void aRolledBackVersionLeavesTrafficToTheOldOneAndIsNotLoadedAgain() throws Exception {
        publishDefault(repository);
        ModelRegistry registry = startProgressive(Duration.ofHours(1));
        publishDefault(repository);
        registry.refresh();

        registry.rollback();
        registry.refresh();

        assertThat(registry.shares()).containsExactly(Map.entry("1", 100.0));
        VersionStatus rolledBack = registry.statuses().get(0);
        assertThat(rolledBack.version()).isEqualTo("2");
        assertThat(rolledBack.state()).isEqualTo(State.REJECTED);
        assertThat(rolledBack.reason()).isEqualTo("rolled back by the operator");
        assertThatThrownBy(registry::promote).hasMessageContaining("no version is on trial");
    }

    /** Past its bake time with no error, the version on trial takes all traffic at the next look. */
    @Test
    void aCanaryWithoutErrorsIsPromotedOnceBaked() throws Exception {
        publishDefault(repository);
        ModelRegistry registry = startProgressive(Duration.ZERO);
        publishDefault(repository);
        registry.refresh();
        assertThat(registry.shares()).hasSize(2);

        registry.refresh();

        assertThat(registry.shares()).containsExactly(Map.entry("2", 100.0));
        assertThat(registry.statuses())
                .extracting(VersionStatus::version, VersionStatus::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2", State.SERVING),
                        org.assertj.core.groups.Tuple.tuple("1", State.RETIRED));
    }
}
