package io.dinserving.train.cli;

import io.dinserving.bundle.ModelBundle;
import io.dinserving.train.BundleComparison;
import io.dinserving.train.WorkProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare bundles: one row per group trained alike but for the seed, named by the settings "
                + "that differ, with test AUC, GAUC, log loss and accuracy as mean ± std over the group.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "BUNDLE", description = "Bundle directories.")
    List<Path> bundles;

    @Override
    public Integer call() {
        List<BundleComparison.Bundle> read = new ArrayList<>();
        WorkProgress progress = WorkProgress.bar(System.err, System.console() != null, "reading", "bundles");
        for (Path dir : bundles) {
            progress.advance(read.size(), bundles.size());
            read.add(new BundleComparison.Bundle(dir, ModelBundle.readManifest(dir)));
        }
        progress.advance(read.size(), bundles.size());
        System.out.print(BundleComparison.markdown(read));
        return 0;
    }
}
