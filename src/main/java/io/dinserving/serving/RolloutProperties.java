package io.dinserving.serving;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Progressive rollout of a repository's new latest version.
 *
 * @param canaryPercent the share a new version starts at beside the version it replaces; 0 (the
 *     default) sends it all traffic at once
 * @param bakeTime how long it serves its share; with no error meanwhile it then takes all traffic,
 *     after an error it is rolled back (default 10m)
 */
@ConfigurationProperties("din.model.rollout")
@Validated
public record RolloutProperties(@PositiveOrZero @Max(99) Integer canaryPercent, Duration bakeTime) {

    public RolloutProperties {
        canaryPercent = canaryPercent == null ? 0 : canaryPercent;
        bakeTime = bakeTime == null ? Duration.ofMinutes(10) : bakeTime;
    }

    /** All traffic at once. */
    public static RolloutProperties immediate() {
        return new RolloutProperties(0, null);
    }

    boolean isProgressive() {
        return canaryPercent > 0;
    }
}
