package io.dinserving.metrics;

import io.dinserving.model.BundleManifest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** Adds the served model to {@code /actuator/info}: version, device, creation time and metrics. */
public final class ModelInfoContributor implements InfoContributor {

    private final Map<String, Object> model;

    public ModelInfoContributor(BundleManifest manifest, String device) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", manifest.version());
        details.put("device", device);
        details.put("createdAt", manifest.createdAt());
        details.put("variant", manifest.model().variant().label());
        details.put("metrics", manifest.metrics());
        this.model = Map.copyOf(details);
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("model", model);
    }
}
