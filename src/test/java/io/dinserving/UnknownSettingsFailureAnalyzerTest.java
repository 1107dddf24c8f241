package io.dinserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/** A misspelt setting is said in one line with the setting meant. */
class UnknownSettingsFailureAnalyzerTest {

    private static UnknownSettingsException checked(String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return catchThrowableOfType(UnknownSettingsException.class, () -> DinPropertiesCheck.check(environment));
    }

    @Test
    void aMisspeltSettingIsNamedWithTheOneMeant() {
        FailureAnalysis analysis =
                new UnknownSettingsFailureAnalyzer().analyze(checked("--din.batching.max-dealy=5ms"));

        assertThat(analysis.getDescription())
                .isEqualTo(
                        "din.batching.max-dealy is not a setting of din-serving; did you mean din.batching.max-delay?");
        assertThat(analysis.getAction()).contains("din.batching.max-delay", "din.model.path");
    }

    @Test
    void aSettingLikeNoneIsNamedWithoutAGuess() {
        FailureAnalysis analysis = new UnknownSettingsFailureAnalyzer().analyze(checked("--din.zebra=1"));

        assertThat(analysis.getDescription()).isEqualTo("din.zebra is not a setting of din-serving");
    }
}
