package io.dinserving.train.cli;

import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import io.dinserving.train.io.SamplesCsvWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Build samples from logs and write them as CSV (user, candidate item and category, label, "
                + "history items and categories, split), so another tool can train on identical samples.")
final class PrepareCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        SampleSet samples = input.samples();
        SamplesCsvWriter.write(samples, out);
        System.out.printf(
                "%d samples (%d train, %d validation, %d test) written to %s%n",
                samples.samples().size(),
                samples.split(Split.TRAIN).size(),
                samples.split(Split.VALIDATION).size(),
                samples.split(Split.TEST).size(),
                out);
        return 0;
    }
}
