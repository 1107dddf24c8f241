package io.dinserving.serving;

import io.dinserving.bundle.BundleException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A model that cannot be served at start (a mistyped or missing {@code din.model.path}, a bundle
 * that does not load, a pinned version that is absent), said as what went wrong and what to do,
 * without a stack trace.
 */
final class ModelFailureAnalyzer extends AbstractFailureAnalyzer<BundleException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, BundleException cause) {
        String message = cause.getMessage();
        String action;
        if (message.contains("is not a directory")) {
            action = "Set din.model.path to a bundle directory (one with manifest.json, e.g. models/default) or to a "
                    + "model repository of numbered versions, e.g. --din.model.path=models/default.";
        } else if (message.contains("version")) {
            action = "Check the versions that din.model.traffic and din.model.versions name against the repository, "
                    + "or let the service serve the latest version (din.model.version-policy=latest).";
        } else {
            action = "Rebuild the bundle with `train` or `import`, or point din.model.path at one that loads; "
                    + "/actuator/models lists each version's state and reason once the service runs.";
        }
        return new FailureAnalysis("The model cannot be served: " + message, action, cause);
    }
}
