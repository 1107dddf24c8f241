package io.dinserving.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** Adds the served versions to {@code /actuator/info}: each with its share, device, creation time and metrics. */
final class ModelInfoContributor implements InfoContributor {

    private final ModelRegistry registry;

    public ModelInfoContributor(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Double> shares = registry.shares();
        List<Map<String, Object>> versions = new ArrayList<>();
        for (ServedVersion model : registry.servedModels()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", model.version());
            details.put("sharePercent", shares.getOrDefault(model.version(), 0.0));
            details.put("manifestVersion", model.manifest().version());
            details.put("device", model.device());
            details.put("createdAt", model.manifest().createdAt());
            details.put(
                    "variant",
                    model.manifest().isTorchScript()
                            ? "torchscript"
                            : model.manifest().model().variant().label());
            details.put("metrics", model.manifest().metrics());
            versions.add(details);
        }
        builder.withDetail("models", versions);
    }
}
