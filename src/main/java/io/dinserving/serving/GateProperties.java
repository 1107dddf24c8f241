package io.dinserving.serving;

import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The quality gate a repository's new versions pass before they take traffic.
 *
 * @param enabled whether new versions are judged at all (default true; nothing is judged while the
 *     evaluation file is absent)
 * @param evaluationFile labelled recent samples in {@code prepare}'s layout; default {@code
 *     evaluation.csv} in the repository
 * @param aucMargin how much lower than the serving version's AUC a candidate's may be (default 0.005)
 */
@ConfigurationProperties("din.model.gate")
@Validated
public record GateProperties(
        Boolean enabled,
        Path evaluationFile,
        @PositiveOrZero Double aucMargin) {

    /** The evaluation file's name inside a repository, where none is configured. */
    public static final String DEFAULT_FILE = "evaluation.csv";

    public GateProperties {
        enabled = enabled == null || enabled;
        aucMargin = aucMargin == null ? 0.005 : aucMargin;
    }

    /** The evaluation file for a repository at {@code root}. */
    public Path evaluationFileIn(Path root) {
        return evaluationFile != null ? evaluationFile : root.resolve(DEFAULT_FILE);
    }
}
