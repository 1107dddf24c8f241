package io.dinserving.train.gate;

import ai.djl.Device;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.bundle.ModelRepository;
import io.dinserving.bundle.ModelRepository.BundleDirectory;
import io.dinserving.serving.GateProperties;
import io.dinserving.serving.GateVerdict;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code train --publish-to} reports: the gate's verdict on the version it just published,
 * reached here with the service's code, against the newest version before it.
 */
public final class PublishedVerdict {

    private PublishedVerdict() {}

    /**
     * @param repository the repository published into, with the service's default evaluation file
     * @param published the new version's directory
     * @param aucMargin the margin the service is set to
     */
    public static String describe(Path repository, Path published, double aucMargin) {
        Path file = new GateProperties(null, null, aucMargin).evaluationFileIn(repository);
        String version = published.getFileName().toString();
        List<BundleDirectory> before = new ModelRepository(repository)
                .scan().stream()
                        .filter(d -> !d.path().equals(published))
                        .filter(d -> Long.parseLong(d.version()) < Long.parseLong(version))
                        .toList();
        BundleDirectory previous = before.isEmpty() ? null : before.get(before.size() - 1);
        try {
            return describe(file, published, version, previous, aucMargin);
        } catch (RuntimeException e) {
            return "publishing gate: no verdict here (" + e.getMessage() + "); the service judges version " + version
                    + " when it finds it";
        }
    }

    private static String describe(
            Path file, Path published, String version, BundleDirectory previous, double aucMargin) {
        try (ModelBundle candidate = ModelBundle.load(published, Device.cpu());
                ModelBundle serving = previous == null ? null : ModelBundle.load(previous.path(), Device.cpu())) {
            GateVerdict verdict = new EvaluationGate(file, aucMargin)
                    .judge(version, candidate, previous == null ? null : previous.version(), serving);
            if (!verdict.gated()) {
                return "publishing gate: none (" + verdict.reason() + "); a polling service serves version " + version
                        + " at its next look";
            }
            return "publishing gate: version " + version + (verdict.promoted() ? " passes" : " is REJECTED") + ": "
                    + verdict.reason() + " (" + verdict.samples() + " samples of " + file
                    + "; the service judges it against the version it serves)";
        }
    }
}
