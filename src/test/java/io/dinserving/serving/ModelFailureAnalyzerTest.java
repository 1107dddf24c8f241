package io.dinserving.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.bundle.BundleException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A model that cannot be served at start is said as what went wrong and what to do. */
class ModelFailureAnalyzerTest {

    private final ModelFailureAnalyzer analyzer = new ModelFailureAnalyzer();

    /** As Spring reports it: the registry's failure inside the bean creation that hit it. */
    private FailureAnalysis analyze(String message) {
        return analyzer.analyze(
                new BeanCreationException("modelRegistry", "factory failed", new BundleException(message)));
    }

    @Test
    void aMistypedModelPathSaysWhereToPointIt() {
        FailureAnalysis analysis = analyze("model path /srv/models/ml-dn is not a directory");

        assertThat(analysis.getDescription())
                .isEqualTo("The model cannot be served: model path /srv/models/ml-dn is not a directory");
        assertThat(analysis.getAction()).contains("din.model.path", "models/default");
    }

    @Test
    void aBundleThatDoesNotLoadSaysHowToMendIt() {
        FailureAnalysis analysis = analyze("models/x/manifest.json: unexpected end of input");

        assertThat(analysis.getDescription()).contains("manifest.json: unexpected end of input");
        assertThat(analysis.getAction()).contains("train", "import", "/actuator/models");
    }

    @Test
    void aMissingPinnedVersionPointsAtTheVersionSettings() {
        FailureAnalysis analysis = analyze("cannot serve din.model settings: version 7: not in /srv/models");

        assertThat(analysis.getAction()).contains("din.model.traffic", "din.model.versions");
    }
}
