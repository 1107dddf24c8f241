package io.dinserving.train.cli;

import io.dinserving.train.SyntheticLogGenerator;
import io.dinserving.train.SyntheticLogGenerator.GeneratorConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Write a seeded synthetic behaviour log (userId,itemId,category,timestamp,label) in which "
                + "a click depends on the part of the history that concerns the candidate.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV to write.")
    Path out;

    @Option(names = "--users", defaultValue = "2000", description = "Users. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--categories", defaultValue = "20", description = "Categories. Default: ${DEFAULT-VALUE}.")
    int categories;

    @Option(
            names = "--items-per-category",
            defaultValue = "50",
            description = "Items per category. Default: ${DEFAULT-VALUE}.")
    int itemsPerCategory;

    @Option(
            names = "--events-per-user",
            defaultValue = "60",
            description = "Impressions per user. Default: ${DEFAULT-VALUE}.")
    int eventsPerUser;

    @Option(
            names = "--interests",
            defaultValue = "3",
            description = "Interest categories per user. Default: ${DEFAULT-VALUE}.")
    int interests;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        long events = new SyntheticLogGenerator(
                        new GeneratorConfig(users, categories, itemsPerCategory, eventsPerUser, interests, seed))
                .write(out);
        System.out.printf("%d events written to %s%n", events, out);
        System.out.printf(
                "train on it with: train --log %s --category-col category --label-col label --out models/NAME%n", out);
        return 0;
    }
}
