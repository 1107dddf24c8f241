package io.dinserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DinPropertiesCheckTest {

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }

    @Test
    void everyDeclaredSettingIsKnownInAnyRelaxedForm() {
        assertThat(DinPropertiesCheck.knownKeys())
                .contains("din.batching.max-delay", "din.model.path", "din.metrics.latency-slos");
        assertThatCode(() -> DinPropertiesCheck.check(environment(Map.of(
                        "din.batching.max-delay",
                        "5ms",
                        "din.batching.maxBatchRows",
                        "64",
                        "din.metrics.latency-slos[0]",
                        "5ms",
                        "server.port",
                        "0",
                        "dinosaur.size",
                        "big"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aMistypedSettingIsNamedWithTheSettingsThereAre() {
        assertThatThrownBy(() -> DinPropertiesCheck.check(environment(Map.of("din.batching.max-dealy", "5ms"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("unknown setting din.batching.max-dealy; the din.* settings are")
                .hasMessageContaining("din.batching.max-delay");
    }

    /** A map setting's keys are the user's: version numbers under din.model.traffic are not typos. */
    @Test
    void keysBelowAMapSettingAreAcceptedAndATypoNextToItIsNot() {
        assertThat(DinPropertiesCheck.mapKeys())
                .containsExactlyInAnyOrder("din.model.traffic", "din.events.kafka.properties");
        assertThatCode(() -> DinPropertiesCheck.check(
                        environment(Map.of("din.model.traffic.17", "90", "din.model.traffic.18", "10"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> DinPropertiesCheck.check(environment(Map.of("din.model.trafic.17", "90"))))
                .hasMessageContaining("unknown setting din.model.trafic.17");
    }

    /** The check is registered with Spring Boot, so a real start fails before a bean is made. */
    @Test
    void theApplicationRefusesToStartOnAMistypedSetting() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DinServingApplication.class)
                        .properties("din.cache.ttll=5s", "server.port=0")
                        .run())
                .hasMessageContaining("unknown setting din.cache.ttll");
    }

    @Test
    void anOutOfRangeSettingFailsTheStartNamingIt() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DinServingApplication.class)
                        .properties("din.batching.workers=0", "server.port=0")
                        .run())
                .hasStackTraceContaining("din.batching")
                .hasStackTraceContaining("workers");
    }
}
