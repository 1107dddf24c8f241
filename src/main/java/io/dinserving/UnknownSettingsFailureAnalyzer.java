package io.dinserving;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A misspelt {@code din.*} setting, said in one line with the setting meant, not a stack trace. */
final class UnknownSettingsFailureAnalyzer extends AbstractFailureAnalyzer<UnknownSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, UnknownSettingsException cause) {
        List<String> lines = new ArrayList<>();
        cause.unknown()
                .forEach((key, closest) -> lines.add(key + " is not a setting of din-serving"
                        + (closest == null ? "" : "; did you mean " + closest + "?")));
        return new FailureAnalysis(
                String.join("\n", lines),
                "Correct or remove the setting. The din.* settings are:\n  " + String.join("\n  ", cause.known()),
                cause);
    }
}
