package io.dinserving.serving;

import ai.djl.Device;
import io.dinserving.batching.BatchingProperties;
import io.dinserving.batching.DynamicBatcher;
import io.dinserving.bundle.BundleException;
import io.dinserving.bundle.BundleManifest;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.bundle.ModelRepository;
import io.dinserving.bundle.ModelRepository.BundleDirectory;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.serving.ModelProperties.VersionPolicy;
import io.dinserving.serving.VersionStatus.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions being served, and the one place they change. A new or changed bundle is loaded in
 * the background and warmed up on every worker while the current versions keep serving; then the
 * set of served versions is swapped in one step. A version swapped out finishes the requests it
 * has and then closes, freeing its native memory. A version that fails to load is marked failed
 * with its reason and changes nothing else.
 *
 * <p>Thread-safe. Requests read the current set without locking; loads are serialised.
 */
public final class ModelRegistry implements VersionSelector, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final ModelProperties properties;
    private final BatchingProperties batching;
    private final ModelRepository repository;
    private final Device device;
    private final ServingListener listener;
    private final VersionGate gate;
    private final RolloutProperties rollout;
    /** The version on trial beside the one it replaces, or null. */
    private volatile Canary canary;
    /** The gate's verdict on each version it let through, shown beside its status. */
    private final Map<String, GateVerdict> verdicts = new ConcurrentHashMap<>();

    private final Map<String, VersionStatus> statuses = new ConcurrentHashMap<>();
    /** Directory to the fingerprint it had when it failed: tried again only once it changes. */
    private final Map<String, String> failedFingerprints = new HashMap<>();

    private volatile Served served = Served.NONE;
    private String singleBundleFingerprint;
    private ScheduledExecutorService poller;
    private volatile boolean closed;

    /** A new version serving its canary share beside the previous one since a time. */
    private record Canary(String version, String previous, Instant since) {}

    /** The served versions and the split between them, swapped as a whole. */
    private record Served(Map<String, ServedVersion> models, TrafficRouter router, Instant since) {
        static final Served NONE = new Served(Map.of(), null, Instant.EPOCH);
    }

    public ModelRegistry(
            ModelProperties properties, BatchingProperties batching, Device device, ServingListener listener) {
        this(properties, batching, device, listener, VersionGate.open(), RolloutProperties.immediate());
    }

    /** With a gate that judges each new version of a repository before it takes traffic. */
    public ModelRegistry(
            ModelProperties properties,
            BatchingProperties batching,
            Device device,
            ServingListener listener,
            VersionGate gate,
            RolloutProperties rollout) {
        this.gate = gate;
        this.rollout = rollout;
        this.properties = properties;
        this.batching = batching;
        this.repository = new ModelRepository(properties.path(), properties.allowLinksOutside());
        this.device = device;
        this.listener = listener;
    }

    /**
     * Loads what the settings ask for, then starts polling.
     *
     * <p>A polled repository with no version that loads starts all the same, not ready, and serves
     * its first version as soon as one lands.
     *
     * @throws BundleException when a single bundle, or a repository that is not polled, cannot be
     *     served, or a version named in {@code traffic} or {@code versions} is missing or fails to load
     */
    public void start() {
        refresh();
        List<String> problems = new ArrayList<>();
        for (String pinned : properties.pinned()) {
            if (!served.models().containsKey(pinned)) {
                VersionStatus status = statuses.get(pinned);
                problems.add("version " + pinned + ": "
                        + (status == null ? "not in " + repository.root() : status.reason()));
            }
        }
        boolean waitsForFirstVersion = served.models().isEmpty()
                && problems.isEmpty()
                && !repository.isSingleBundle()
                && !properties.pollInterval().isZero();
        if (waitsForFirstVersion) {
            // As TF Serving and Triton do: ready once the first version lands, alive meanwhile.
            log.info(
                    "No version of {} serves yet{}; readiness stays DOWN until one loads (checked every {})",
                    repository.root(),
                    failures(),
                    properties.pollInterval());
        } else if (served.models().isEmpty() && problems.isEmpty()) {
            problems.add("no version of " + repository.root() + " could be loaded" + failures());
        }
        if (!problems.isEmpty()) {
            close();
            throw new BundleException("cannot serve din.model settings: " + String.join("; ", problems));
        }
        long poll = properties.pollInterval().toMillis();
        if (poll > 0) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "din-model-poller");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::refreshQuietly, poll, poll, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public VersionLease lease(String userId) {
        while (true) {
            Served now = served;
            if (now.router() == null) {
                throw new NoVersionServingException();
            }
            ServedVersion model = now.models().get(now.router().route(userId));
            VersionLease lease = model.tryLease();
            if (lease != null) {
                return lease;
            }
            Thread.onSpinWait(); // retired between the read and the lease: the new set is published
        }
    }

    @Override
    public boolean saturated() {
        Collection<ServedVersion> models = served.models().values();
        return !models.isEmpty() && models.stream().allMatch(ServedVersion::isFull);
    }

    /** Whether a version is serving. */
    public boolean isServing() {
        return !served.models().isEmpty() && !closed;
    }

    /** The served versions, newest first. */
    public List<ServedVersion> servedModels() {
        List<ServedVersion> out = new ArrayList<>(served.models().values());
        out.sort(Comparator.comparing(ServedVersion::version, ModelRegistry::compareVersions)
                .reversed());
        return out;
    }

    /** Each served version's share of traffic, in percent. */
    public Map<String, Double> shares() {
        Served now = served;
        return now.router() == null ? Map.of() : now.router().percentages();
    }

    /** When the current set of versions started serving. */
    public Instant servingSince() {
        return served.since();
    }

    /** Every version seen, newest first. */
    public List<VersionStatus> statuses() {
        List<VersionStatus> out = new ArrayList<>(statuses.values());
        out.sort(Comparator.comparing(VersionStatus::version, ModelRegistry::compareVersions)
                .reversed());
        return out;
    }

    /** Looks at the path now and serves what it holds; what the poller runs. */
    public synchronized void refresh() {
        if (closed) {
            return;
        }
        List<BundleDirectory> found = repository.scan();
        endCanaryWhenBaked();
        Map<String, ServedVersion> current = served.models();
        Map<String, ServedVersion> next = repository.isSingleBundle()
                ? refreshSingleBundle(found.get(0), current)
                : refreshRepository(found, current);
        if (next != null && !next.equals(current)) {
            publish(next, current);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn(
                    "Checking {} for new model versions failed; the served versions stay: {}",
                    repository.root(),
                    e.getMessage());
        }
    }

    /** A single bundle is served again whenever its files change and it loads. */
    private Map<String, ServedVersion> refreshSingleBundle(BundleDirectory bundle, Map<String, ServedVersion> current) {
        if (bundle.fingerprint().equals(singleBundleFingerprint) || hasFailedUnchanged(bundle)) {
            return null;
        }
        ServedVersion loaded = load(null, bundle, null);
        if (loaded == null) {
            return null;
        }
        singleBundleFingerprint = bundle.fingerprint();
        return Map.of(loaded.version(), loaded);
    }

    private Map<String, ServedVersion> refreshRepository(
            List<BundleDirectory> found, Map<String, ServedVersion> current) {
        Map<String, BundleDirectory> byVersion = new LinkedHashMap<>();
        found.forEach(d -> byVersion.put(d.version(), d));
        Map<String, ServedVersion> next = new LinkedHashMap<>(current);
        Set<String> wanted = new LinkedHashSet<>(properties.pinned());
        if (properties.versionPolicy() == VersionPolicy.LATEST) {
            // From the top down: the first version that serves or loads is the latest; a newer one
            // that fails leaves the one before it serving.
            List<BundleDirectory> newestFirst = new ArrayList<>(found);
            java.util.Collections.reverse(newestFirst);
            ServedVersion replaced = current.values().stream()
                    .max(Comparator.comparing(ServedVersion::version, ModelRegistry::compareVersions))
                    .orElse(null);
            Canary trial = canary;
            if (trial != null && current.containsKey(trial.previous())) {
                wanted.add(trial.previous());
            }
            for (BundleDirectory d : newestFirst) {
                if (current.containsKey(d.version())) {
                    wanted.add(d.version());
                    break;
                }
                if (hasFailedUnchanged(d)) {
                    continue;
                }
                ServedVersion loaded = load(d.version(), d, new Judged(replaced));
                if (loaded != null) {
                    next.put(loaded.version(), loaded);
                    wanted.add(loaded.version());
                    if (rollout.isProgressive()
                            && replaced != null
                            && properties.traffic().isEmpty()) {
                        wanted.add(replaced.version());
                        canary = new Canary(loaded.version(), replaced.version(), Instant.now());
                        log.info(
                                "Version {} starts at {} % beside version {} for {}",
                                loaded.version(), rollout.canaryPercent(), replaced.version(), rollout.bakeTime());
                    }
                    break;
                }
            }
            if (wanted.isEmpty() && !current.isEmpty()) {
                wanted.addAll(current.keySet()); // the served directory went away: keep serving it
            }
        }
        for (String version : properties.pinned()) {
            if (next.containsKey(version)) {
                continue;
            }
            BundleDirectory d = byVersion.get(version);
            if (d == null) {
                statuses.putIfAbsent(version, failedStatus(version, null, "not in " + repository.root()));
            } else if (!hasFailedUnchanged(d)) {
                ServedVersion loaded = load(version, d, null);
                if (loaded != null) {
                    next.put(version, loaded);
                }
            }
        }
        next.keySet().removeIf(version -> !wanted.contains(version));
        return next;
    }

    /** Swaps in the new set, then retires what left it. */
    private void publish(Map<String, ServedVersion> next, Map<String, ServedVersion> current) {
        TrafficRouter router = router(next);
        served = new Served(Map.copyOf(next), router, Instant.now());
        Map<String, Double> shares = router.percentages();
        for (ServedVersion model : next.values()) {
            if (current.get(model.version()) != model) {
                listener.serving(model.version(), model.device(), model::queueDepth);
            }
            statuses.computeIfPresent(model.version(), (v, s) -> s.with(State.SERVING, shares.get(v)));
        }
        for (ServedVersion old : current.values()) {
            if (next.get(old.version()) != old) {
                log.info("Version {} retires; it closes once its requests in flight are answered", old.version());
                old.retire();
            }
        }
        log.info("Serving versions {} (shares {})", next.keySet(), shares);
    }

    private TrafficRouter router(Map<String, ServedVersion> models) {
        Canary trial = canary;
        if (trial != null && models.containsKey(trial.version()) && models.containsKey(trial.previous())) {
            return new TrafficRouter(
                    Map.of(trial.previous(), 100 - rollout.canaryPercent(), trial.version(), rollout.canaryPercent()));
        }
        Map<String, Integer> traffic = properties.traffic();
        if (!traffic.isEmpty()) {
            return new TrafficRouter(traffic);
        }
        return TrafficRouter.single(
                models.keySet().stream().max(ModelRegistry::compareVersions).orElseThrow());
    }

    /** A new latest version is judged against the version it would replace, or none. */
    private record Judged(ServedVersion replaced) {}

    /**
     * Loads and warms up a bundle, or marks it failed (or rejected by the gate, when {@code judged}
     * is given) and returns null.
     */
    private ServedVersion load(String version, BundleDirectory dir, Judged judged) {
        String key = version != null ? version : dir.path().getFileName().toString();
        long started = System.nanoTime();
        BundleManifest manifest = null;
        try {
            manifest = ModelBundle.readManifest(dir.path());
            String label = version != null ? version : manifest.version();
            key = label;
            if (version != null && manifest.parametersSha256() == null) {
                throw new BundleException(dir.path() + "/" + ModelBundle.MANIFEST + " records no parametersSha256; "
                        + "a repository version must, so that a half-copied one is never loaded");
            }
            verdicts.remove(label);
            statuses.put(label, status(label, State.LOADING, null, dir, manifest, null, null));
            ModelBundle bundle = ModelBundle.load(dir.path(), device);
            if (judged != null && !passesGate(label, bundle, judged.replaced(), dir, manifest)) {
                bundle.close();
                return null;
            }
            ServedVersion model;
            try {
                DynamicBatcher<EncodedRequest, float[]> batcher = new DynamicBatcher<>(
                        batching.effectiveMaxBatchRows(),
                        batching.effectiveMaxDelay(),
                        batching.queueCapacity(),
                        batching.workers(),
                        EncodedRequest::rows,
                        () -> BatchScorer.warmedUp(bundle, batching.maxBatchRows(), listener.passes(label)),
                        System::nanoTime,
                        listener.batches(label),
                        "din-scorer-" + label);
                long millis = (System.nanoTime() - started) / 1_000_000;
                Instant loadedAt = Instant.now();
                model = new ServedVersion(
                        label,
                        bundle,
                        batcher,
                        DeviceSelector.label(device),
                        loadedAt,
                        millis,
                        () -> listener.nonFiniteScores(label),
                        () -> closed(label, loadedAt));
            } catch (RuntimeException e) {
                bundle.close();
                throw e;
            }
            failedFingerprints.remove(dir.path().toString());
            statuses.put(
                    label, status(label, State.LOADING, null, dir, manifest, model.loadedAt(), model.loadMillis()));
            listener.loaded(label, true, null);
            log.info(
                    "Loaded version {} ({}) from {} on {} in {} ms, warmed up on {} workers",
                    label,
                    manifest.version(),
                    dir.path(),
                    model.device(),
                    model.loadMillis(),
                    batching.workers());
            return model;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            failedFingerprints.put(dir.path().toString(), dir.fingerprint());
            statuses.put(key, status(key, State.FAILED, reason, dir, manifest, null, null));
            listener.loaded(key, false, reason);
            log.warn(
                    "Version {} failed to load; {}: {}",
                    key,
                    served.models().isEmpty()
                            ? "nothing else is served"
                            : "versions " + served.models().keySet() + " keep serving",
                    reason);
            return null;
        }
    }

    /** The version on trial, or null: what {@code /actuator/models} offers to promote or roll back. */
    public String canaryVersion() {
        Canary trial = canary;
        return trial == null ? null : trial.version();
    }

    /** Gives the version on trial all traffic now and retires the one before it. */
    public synchronized void promote() {
        Canary trial = requireCanary();
        canary = null;
        Map<String, ServedVersion> current = served.models();
        Map<String, ServedVersion> next = new LinkedHashMap<>(current);
        next.remove(trial.previous());
        log.info("Version {} promoted to all traffic; version {} retires", trial.version(), trial.previous());
        publish(next, current);
    }

    /** Sends all traffic back to the version before the one on trial, which is kept as rejected. */
    public synchronized void rollback() {
        rollback(requireCanary(), "rolled back by the operator");
    }

    private Canary requireCanary() {
        Canary trial = canary;
        if (trial == null) {
            throw new IllegalStateException("no version is on trial: nothing to promote or roll back");
        }
        return trial;
    }

    private void rollback(Canary trial, String reason) {
        canary = null;
        Map<String, ServedVersion> current = served.models();
        ServedVersion rolledBack = current.get(trial.version());
        Map<String, ServedVersion> next = new LinkedHashMap<>(current);
        next.remove(trial.version());
        if (rolledBack != null) {
            // Not loaded again until its files change, as a rejected version.
            repository.scan().stream()
                    .filter(d -> trial.version().equals(d.version()))
                    .forEach(d -> failedFingerprints.put(d.path().toString(), d.fingerprint()));
        }
        log.warn("Version {} {}; version {} takes all traffic again", trial.version(), reason, trial.previous());
        publish(next, current);
        statuses.computeIfPresent(trial.version(), (v, s) -> s.rejected(reason));
    }

    /** After the bake time, the version on trial takes all traffic, or is rolled back if it erred. */
    private void endCanaryWhenBaked() {
        Canary trial = canary;
        if (trial == null || Instant.now().isBefore(trial.since().plus(rollout.bakeTime()))) {
            return;
        }
        ServedVersion version = served.models().get(trial.version());
        long errors = version == null ? 0 : version.errors();
        if (errors == 0) {
            promote();
        } else {
            rollback(trial, "rolled back after " + errors + " errors during its canary");
        }
    }

    /** Asks the gate; a rejected version is recorded and not judged again until its files change. */
    private boolean passesGate(
            String label, ModelBundle bundle, ServedVersion replaced, BundleDirectory dir, BundleManifest manifest) {
        GateVerdict verdict = gate.judge(
                label,
                bundle,
                replaced == null ? null : replaced.version(),
                replaced == null ? null : replaced.bundle());
        if (verdict.gated()) {
            listener.gated(label, verdict);
        }
        if (verdict.promoted()) {
            if (verdict.gated()) {
                verdicts.put(label, verdict);
                log.info("Version {} passed the publishing gate: {}", label, verdict.reason());
            }
            return true;
        }
        verdicts.put(label, verdict);
        failedFingerprints.put(dir.path().toString(), dir.fingerprint());
        statuses.put(label, status(label, State.REJECTED, verdict.reason(), dir, manifest, null, null));
        log.warn(
                "Version {} rejected by the publishing gate, {} keeps serving: {}",
                label,
                replaced == null ? "nothing" : "version " + replaced.version(),
                verdict.reason());
        return false;
    }

    private boolean hasFailedUnchanged(BundleDirectory dir) {
        return dir.fingerprint().equals(failedFingerprints.get(dir.path().toString()));
    }

    /** A bundle reloaded under the same version leaves the newer one's status and meters alone. */
    private void closed(String version, Instant loadedAt) {
        statuses.computeIfPresent(
                version,
                (v, s) ->
                        loadedAt.equals(s.loadedAt()) && s.state() != State.REJECTED ? s.with(State.RETIRED, null) : s);
        if (!served.models().containsKey(version)) {
            listener.retired(version);
        }
        log.info("Version {} loaded at {} closed", version, loadedAt);
    }

    private VersionStatus status(
            String version,
            State state,
            String reason,
            BundleDirectory dir,
            BundleManifest manifest,
            Instant loadedAt,
            Long loadMillis) {
        return new VersionStatus(
                version,
                state,
                reason,
                dir.path().toString(),
                manifest == null ? null : manifest.version(),
                manifest == null ? null : manifest.createdAt(),
                loadedAt,
                loadMillis,
                null,
                manifest == null ? Map.of() : manifest.metrics(),
                verdicts.get(version));
    }

    private static VersionStatus failedStatus(String version, String path, String reason) {
        return new VersionStatus(version, State.FAILED, reason, path, null, null, null, null, null, Map.of(), null);
    }

    private String failures() {
        StringBuilder out = new StringBuilder();
        statuses.values().stream()
                .filter(s -> s.state() == State.FAILED)
                .forEach(s -> out.append("; version ")
                        .append(s.version())
                        .append(": ")
                        .append(s.reason()));
        return out.toString();
    }

    /** Numbers by value, anything else after them by name. */
    static int compareVersions(String a, String b) {
        boolean an = a.chars().allMatch(Character::isDigit) && !a.isEmpty();
        boolean bn = b.chars().allMatch(Character::isDigit) && !b.isEmpty();
        if (an && bn) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return an ? -1 : bn ? 1 : a.compareTo(b);
    }

    /** Stops polling and closes every version: for shutdown, after the web server has drained. */
    @Override
    public synchronized void close() {
        closed = true;
        if (poller != null) {
            poller.shutdownNow();
        }
        Collection<ServedVersion> models = served.models().values();
        served = Served.NONE;
        models.forEach(ServedVersion::close);
    }
}
