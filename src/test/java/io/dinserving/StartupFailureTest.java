package io.dinserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The service refuses a bad start in a description and an action, with no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    private static void start(String... args) {
        SpringApplication application = new SpringApplication(DinServingApplication.class);
        assertThatThrownBy(() -> application.run(args)).isNotNull();
    }

    @Test
    void aMistypedModelPathIsOneDescriptionAndOneAction(CapturedOutput output) {
        start("--din.model.path=models/ml-dn", "--server.port=0");

        assertThat(output.getOut())
                .contains("APPLICATION FAILED TO START")
                .containsPattern(
                        "Description:\\s+The model cannot be served: model path \\S+/models/ml-dn is not a directory")
                .containsPattern("Action:\\s+Set din.model.path to a bundle directory")
                .doesNotContain("\tat ");
    }

    @Test
    void aMisspeltSettingIsNamedWithTheOneMeant(CapturedOutput output) {
        start("--din.batching.max-dealy=5ms", "--server.port=0");

        assertThat(output.getOut())
                .contains(
                        "din.batching.max-dealy is not a setting of din-serving; did you mean din.batching.max-delay?")
                .doesNotContain("\tat ");
    }
}
