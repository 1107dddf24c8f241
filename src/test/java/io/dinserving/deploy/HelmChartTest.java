package io.dinserving.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Renders the chart with helm under every option and parses each manifest strictly into typed
 * Kubernetes models: an unknown or misplaced field fails the test. Skipped where helm is absent
 * ({@code .ci/run} installs it; set HELM to point at a binary).
 */
@EnabledIf(
        value = "helmIsInstalled",
        disabledReason = "needs helm on the PATH or in $HELM; .ci/run installs it from npm into target/tools")
class HelmChartTest {

    private static final Path CHART = Path.of("helm/din-serving");
    private static final ObjectMapper YAML =
            new YAMLMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("ConfigMap", ConfigMap.class),
            Map.entry("Deployment", Deployment.class),
            Map.entry("Service", Service.class),
            Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("Ingress", Ingress.class),
            Map.entry("NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("Pod", Pod.class),
            Map.entry("ServiceMonitor", ServiceMonitor.class),
            Map.entry("CronJob", CronJob.class));

    static String helm;

    @BeforeAll
    static void findHelm() {
        helm = helmPath();
    }

    /** {@code $HELM}, or {@code helm} on the path; null when there is none. */
    static String helmPath() {
        String found = System.getenv("HELM");
        if (found == null) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, "helm"))) {
                    found = Path.of(dir, "helm").toString();
                }
            }
        }
        return found;
    }

    static boolean helmIsInstalled() {
        return helmPath() != null;
    }

    /** The Prometheus Operator CRD, typed here because no Kubernetes model library ships it. */
    record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {
        record Spec(LabelSelector selector, List<Endpoint> endpoints) {}

        record Endpoint(String port, String path, String interval) {}
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(helm));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    record Result(int exit, String output) {}

    /** Lints and renders with the given value files; returns typed objects by kind. */
    private static Map<String, Object> render(String... valueFiles) throws Exception {
        List<String> lint = new ArrayList<>(List.of("lint", CHART.toString(), "--strict"));
        List<String> template = new ArrayList<>(List.of("template", "rel", CHART.toString()));
        for (String f : valueFiles) {
            lint.addAll(List.of("-f", f));
            template.addAll(List.of("-f", f));
        }
        Result linted = run(lint.toArray(String[]::new));
        assertThat(linted.exit()).as(linted.output()).isZero();
        Result rendered = run(template.toArray(String[]::new));
        assertThat(rendered.exit()).as(rendered.output()).isZero();
        Map<String, Object> objects = new LinkedHashMap<>();
        for (String doc : rendered.output().split("(?m)^---\\s*$")) {
            Map<?, ?> raw = YAML.readValue(doc.isBlank() ? "{}" : doc, Map.class);
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            String kind = (String) raw.get("kind");
            Class<?> type = KINDS.get(kind);
            assertThat(type).as("a known kind: %s", kind).isNotNull();
            Object typed = YAML.convertValue(raw, type);
            assertNoUnknownFields(typed, kind, new IdentityHashMap<>());
            // A second object of a kind (the management Service) goes under kind/name.
            String key = objects.containsKey(kind) ? kind + "/" + ((Map<?, ?>) raw.get("metadata")).get("name") : kind;
            assertThat(objects.put(key, typed)).as("one %s", key).isNull();
        }
        return objects;
    }

    /** Fabric8 models keep unknown fields in additionalProperties; strict parsing means none anywhere. */
    private static void assertNoUnknownFields(Object node, String where, IdentityHashMap<Object, Boolean> seen)
            throws Exception {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            for (Object o : c) {
                assertNoUnknownFields(o, where, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                assertNoUnknownFields(o, where, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) value)
                        .as("unknown fields in %s (%s)", where, node.getClass().getSimpleName())
                        .isNullOrEmpty();
            } else if (!(value instanceof Quantity)) {
                assertNoUnknownFields(value, where + "." + getter.getName().substring(3), seen);
            }
        }
    }

    private static Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() == null ? "" : e.getValue()));
    }

    @Test
    void defaultsRenderAHardenedDeploymentWithProbesAndScratchVolumes() throws Exception {
        Map<String, Object> objects = render();
        assertThat(objects)
                .containsOnlyKeys(
                        "ConfigMap",
                        "Deployment",
                        "Service",
                        "Service/rel-din-serving-management",
                        "NetworkPolicy",
                        "ServiceAccount",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "Pod");
        Deployment deployment = (Deployment) objects.get("Deployment");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container c = container(deployment);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(pod.getVolumes())
                .filteredOn(v -> v.getEmptyDir() != null)
                .extracting(Volume::getName)
                .contains("djl-cache", "tmp");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getConfigMap() != null).hasSize(1);
        Map<String, String> env = env(c);
        assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1");
        assertThat(env)
                .containsEntry("DJL_CACHE_DIR", "/var/cache/djl")
                .containsEntry("DIN_MODEL_PATH", "/app/models/default");
        assertThat(((ConfigMap) objects.get("ConfigMap")).getData().get("application.yaml"))
                .contains("max-delay: 1ms");
        HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) objects.get("HorizontalPodAutoscaler");
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType()).containsExactly("Resource");
        Pod test = (Pod) objects.get("Pod");
        assertThat(test.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "test");
        assertThat(String.join(" ", test.getSpec().getContainers().get(0).getArgs()))
                .contains("/recommend");
    }

    @Test
    void everyOptionOnRendersGpuPvcMonitoringIngressAndCustomMetric() throws Exception {
        Map<String, Object> objects = render("helm/ci/all-options.yaml");
        assertThat(objects).containsKeys("ServiceMonitor", "Ingress");
        Deployment deployment = (Deployment) objects.get("Deployment");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container c = container(deployment);
        assertThat(c.getImage()).isEqualTo("din-serving:gpu");
        assertThat(c.getResources().getLimits()).containsKey("nvidia.com/gpu");
        assertThat(pod.getNodeSelector()).containsKey("nvidia.com/gpu.present");
        assertThat(pod.getTolerations()).anyMatch(t -> "nvidia.com/gpu".equals(t.getKey()));
        assertThat(pod.getVolumes())
                .anyMatch(v -> v.getPersistentVolumeClaim() != null
                        && v.getPersistentVolumeClaim().getClaimName().equals("din-models"));
        assertThat(env(c))
                .containsEntry("DIN_MODEL_PATH", "/models/repository")
                .containsEntry("DIN_MODEL_POLL_INTERVAL", "30s")
                .containsEntry("DIN_MODEL_DEVICE", "gpu")
                .containsEntry("DIN_LOG_FORMAT", "ecs");
        assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(((ServiceMonitor) objects.get("ServiceMonitor"))
                        .spec()
                        .endpoints()
                        .get(0)
                        .path())
                .isEqualTo("/actuator/prometheus");
        HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) objects.get("HorizontalPodAutoscaler");
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType()).containsExactly("Resource", "Pods");
        assertThat(((ConfigMap) objects.get("ConfigMap")).getData().get("application.yaml"))
                .contains("port: 8081")
                .contains("show-details: always");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(c.getVolumeMounts()).anyMatch(m -> m.getName().equals("models") && m.getReadOnly());
    }

    /**
     * By default the admin surface (health details, /actuator/models, prometheus) is on its own port,
     * which the public Service does not carry and a NetworkPolicy admits only from monitoring; a
     * terminating pod keeps serving while its endpoints go, within the grace period.
     */
    @Test
    void theManagementPortIsPrivateAndShutdownDrainsWithinTheGracePeriod() throws Exception {
        Map<String, Object> objects = render();
        Service publicService = (Service) objects.get("Service");
        assertThat(publicService.getSpec().getPorts())
                .extracting(p -> p.getName())
                .containsExactly("http");
        Service management = (Service) objects.get("Service/rel-din-serving-management");
        assertThat(management.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(8081);
        assertThat(management.getSpec().getType()).isEqualTo("ClusterIP");
        Container c = container((Deployment) objects.get("Deployment"));
        assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");

        var policy = (io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy) objects.get("NetworkPolicy");
        assertThat(policy.getSpec().getIngress()).hasSize(2);
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).isNullOrEmpty();
        assertThat(policy.getSpec()
                        .getIngress()
                        .get(0)
                        .getPorts()
                        .get(0)
                        .getPort()
                        .getStrVal())
                .isEqualTo("http");
        assertThat(policy.getSpec()
                        .getIngress()
                        .get(1)
                        .getPorts()
                        .get(0)
                        .getPort()
                        .getStrVal())
                .isEqualTo("management");
        assertThat(policy.getSpec().getIngress().get(1).getFrom()).isNotEmpty();

        long grace = ((Deployment) objects.get("Deployment"))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getTerminationGracePeriodSeconds();
        long preStop = c.getLifecycle().getPreStop().getSleep().getSeconds();
        // The drain comes from the chart's config; Spring's phase from the jar's application.yaml.
        String config = ((ConfigMap) objects.get("ConfigMap")).getData().get("application.yaml");
        Matcher drain = Pattern.compile("shutdown-drain: (\\d+)s").matcher(config);
        assertThat(drain.find()).as("the chart sets din.api.shutdown-drain").isTrue();
        long springShutdownPhase = 20;
        assertThat(preStop).isPositive();
        assertThat(preStop + Long.parseLong(drain.group(1)) + springShutdownPhase)
                .isLessThan(grace);
    }

    /** A training pod never carries the serving labels, so no Service, PDB or HPA picks it. */
    @Test
    void theRetrainJobIsApartFromTheServingPods() throws Exception {
        Map<String, Object> objects = render("helm/ci/all-options.yaml");
        CronJob job = (CronJob) objects.get("CronJob");
        Map<String, String> podLabels = job.getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();
        Map<String, String> selector =
                ((Service) objects.get("Service")).getSpec().getSelector();
        assertThat(podLabels.entrySet().containsAll(selector.entrySet()))
                .as("the Service selects a training pod")
                .isFalse();
        assertThat(job.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds())
                .isPositive();
    }

    /** The retraining job publishes into the claim the pods serve from, reading logs from another. */
    @Test
    void retrainingRendersACronJobThatPublishesIntoTheServedRepository() throws Exception {
        Map<String, Object> objects = render("helm/ci/all-options.yaml");
        CronJob job = (CronJob) objects.get("CronJob");
        assertThat(job.getSpec().getSchedule()).isEqualTo("30 2 * * *");
        assertThat(job.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        PodSpec pod = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container train = pod.getContainers().get(0);
        assertThat(train.getImage())
                .isEqualTo(container((Deployment) objects.get("Deployment")).getImage());
        assertThat(train.getArgs())
                .startsWith("train", "--publish-to", "/models/repository")
                .contains("--log");
        assertThat(pod.getVolumes())
                .anyMatch(v -> v.getName().equals("logs")
                        && v.getPersistentVolumeClaim().getClaimName().equals("din-logs")
                        && v.getPersistentVolumeClaim().getReadOnly())
                .anyMatch(v -> v.getName().equals("models")
                        && v.getPersistentVolumeClaim().getClaimName().equals("din-models"));
        assertThat(train.getVolumeMounts())
                .anyMatch(m -> m.getName().equals("models") && !Boolean.TRUE.equals(m.getReadOnly()));
        Result withoutPvc = run(
                "template",
                "rel",
                CHART.toString(),
                "--set",
                "retrain.enabled=true",
                "--set",
                "retrain.logs.claimName=logs");
        assertThat(withoutPvc.exit()).isNotZero();
        assertThat(withoutPvc.output()).contains("retrain.enabled needs model.source=pvc");
    }

    @Test
    void modelsCanComeFromAnInitContainer() throws Exception {
        Map<String, Object> objects = render("helm/ci/init-container.yaml");
        assertThat(objects).doesNotContainKeys("HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceAccount");
        Deployment deployment = (Deployment) objects.get("Deployment");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(pod.getInitContainers())
                .singleElement()
                .satisfies(
                        init -> assertThat(init.getImage()).isEqualTo("registry.example.local/din-models:2026-11-28"));
        assertThat(pod.getVolumes()).anyMatch(v -> v.getName().equals("models") && v.getEmptyDir() != null);
        assertThat(env(container(deployment))).containsEntry("DIN_MODEL_PATH", "/models/ml-din");
    }

    @Test
    void aPvcWithoutAClaimAndAnUnknownSourceAreRefused() throws Exception {
        Result noClaim = run("template", "rel", CHART.toString(), "--set", "model.source=pvc");
        assertThat(noClaim.exit()).isNotZero();
        assertThat(noClaim.output()).contains("model.pvc.claimName is required");
        Result unknown = run("template", "rel", CHART.toString(), "--set", "model.source=s3");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("/model/source");
    }

    /** Redis with its password from a Secret, the event topic, and an impression log that outlives the pod. */
    @Test
    void theUserStoreEventsAndImpressionsAreConfiguredAndMounted() throws Exception {
        Map<String, Object> objects = render("helm/ci/all-options.yaml");
        String config = ((ConfigMap) objects.get("ConfigMap")).getData().get("application.yaml");
        Map<?, ?> din = (Map<?, ?>) YAML.readValue(config, Map.class).get("din");
        assertThat(din.get("users")).isEqualTo(Map.of("store", "redis"));
        assertThat(din.get("events"))
                .isEqualTo(Map.of("kafka", Map.of("bootstrap-servers", "kafka:9092", "topic", "din-events")));
        assertThat(din.get("impressions")).isEqualTo(Map.of("sample-rate", 0.1, "directory", "/impressions"));
        assertThat(config).contains("url: redis://redis:6379");
        Deployment deployment = (Deployment) objects.get("Deployment");
        assertThat(container(deployment).getEnv())
                .anyMatch(e -> e.getName().equals("SPRING_DATA_REDIS_PASSWORD")
                        && e.getValueFrom().getSecretKeyRef().getName().equals("din-redis"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> v.getName().equals("impressions")
                        && v.getPersistentVolumeClaim().getClaimName().equals("din-impressions"));
        assertThat(container(deployment).getVolumeMounts())
                .anyMatch(m ->
                        m.getName().equals("impressions") && m.getMountPath().equals("/impressions"));
        PodSpec retrain = ((CronJob) objects.get("CronJob"))
                .getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(retrain.getContainers().get(0).getVolumeMounts())
                .anyMatch(m -> m.getName().equals("impressions") && Boolean.TRUE.equals(m.getReadOnly()));

        Result noUrl = run("template", "rel", CHART.toString(), "--set", "users.store=redis");
        assertThat(noUrl.exit()).isNotZero();
        assertThat(noUrl.output()).contains("users.store redis needs users.redis.url");
        Result noClaim = run("template", "rel", CHART.toString(), "--set-json", "impressions.sampleRate=0.5");
        assertThat(noClaim.exit()).isNotZero();
        assertThat(noClaim.output()).contains("impressions.sampleRate above 0 needs impressions.claimName");
    }
}
