package io.dinserving.train.gate;

import io.dinserving.serving.GateProperties;
import io.dinserving.serving.ModelProperties;
import io.dinserving.serving.VersionGate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registry's quality gate: the evaluation file scored with the code {@code evaluate} runs. */
@Configuration(proxyBeanMethods = false)
class GateConfiguration {

    @Bean
    VersionGate versionGate(GateProperties gate, ModelProperties model) {
        return gate.enabled()
                ? new EvaluationGate(gate.evaluationFileIn(model.path()), gate.aucMargin())
                : VersionGate.open();
    }
}
