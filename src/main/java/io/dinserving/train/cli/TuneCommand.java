package io.dinserving.train.cli;

import io.dinserving.train.DinTrainer;
import io.dinserving.train.Progress;
import io.dinserving.train.TrainingPipeline;
import io.dinserving.train.io.SampleSource;
import io.dinserving.train.tune.Criterion;
import io.dinserving.train.tune.Point;
import io.dinserving.train.tune.SearchSpace;
import io.dinserving.train.tune.SearchSpace.Search;
import io.dinserving.train.tune.TuneReport;
import io.dinserving.train.tune.TuneResult;
import io.dinserving.train.tune.Tuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Search model and training settings on the validation split, then report the winner's test "
                + "metrics over several seeds and write it as a bundle. The test split is not looked at before "
                + "the winner is chosen.")
final class TuneCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Mixin
    ModelOptions model;

    @Option(
            names = "--space",
            paramLabel = "NAME=V1|V2…",
            required = true,
            description = "A setting and its candidate values, separated by |, e.g. dropout=0|0.3 or "
                    + "attention-hidden=80,40|36. Repeat for each setting. Settings: variant, weight-normalization, "
                    + "activation, dropout, batch-norm, weight-decay, embedding-l2, lr, lr-schedule, epochs, patience, early-stopping, batch-size, "
                    + "embedding-dim, "
                    + "attention-hidden, top-hidden, max-len.")
    List<String> space = new ArrayList<>();

    @Option(
            names = "--search",
            defaultValue = "grid",
            description = "grid (every combination) or random (--budget of them). Default: ${DEFAULT-VALUE}.")
    Search search;

    @Option(
            names = "--budget",
            defaultValue = "20",
            description = "Most trials: the number drawn by random search; grid search refuses a larger grid. "
                    + "Default: ${DEFAULT-VALUE}.")
    int budget;

    @Option(
            names = "--choose-on",
            defaultValue = "auc",
            description = "The validation score that picks the winner: auc, gauc (the DIN paper's user-weighted AUC, "
                    + "for ranking within a user's candidates) or log-loss. Default: ${DEFAULT-VALUE}.")
    Criterion chooseOn;

    @Option(
            names = "--winner-seeds",
            defaultValue = "1,2,3",
            split = ",",
            description = "Seeds the winner is trained with to report its test metrics. Default: ${DEFAULT-VALUE}.")
    List<Long> winnerSeeds;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description =
                    "Where tune-report.md goes, and the winner's bundles: winner/ (first seed), " + "winner-seed-N/.")
    Path out;

    @Spec
    CommandSpec spec;

    Tuner.TrialRunner<ModelOptions> trials =
            (samples, options, seed) -> pipeline(options, seed).validate(samples, options.modelConfig());

    Tuner.WinnerRunner<ModelOptions> winners = (samples, options, seed, bundle) ->
            pipeline(options, seed).run(samples, options.modelConfig(), bundle, null);

    /** The silent pipeline one trial or one winner seed trains with. */
    private TrainingPipeline pipeline(ModelOptions options, long seed) {
        return new TrainingPipeline(
                input.featureFitter(), new DinTrainer(options.trainingConfig(seed), Progress.silent()));
    }

    @Override
    public Integer call() throws Exception {
        List<Point> points = SearchSpace.parse(space).points(search, budget, input.seed);
        Files.createDirectories(out);
        SampleSource source = input.source();
        Tuner<ModelOptions> tuner = new Tuner<>(
                this::optionsFor,
                (maxLength, seed) -> source.samples(input.samplingConfig(maxLength, seed)),
                input.maxLength,
                input.seed,
                System.err);
        TuneResult result = tuner.run(points, chooseOn, winnerSeeds, out, trials, winners);
        String report = TuneReport.markdown(result);
        Files.writeString(out.resolve("tune-report.md"), report);
        System.out.println(report);
        return 0;
    }

    /** The model options of this command line, with the point's settings in place of its own. */
    private ModelOptions optionsFor(Point point) {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        point.settings().forEach((name, value) -> {
            if (!name.equals(SearchSpace.MAX_LENGTH)) {
                if (name.equals("batch-norm")) {
                    if (Boolean.parseBoolean(value)) {
                        args.add("--batch-norm"); // false leaves it as the command line has it
                    }
                } else {
                    args.add("--" + name);
                    args.add(value);
                }
            }
        });
        TrialArguments trial = new TrialArguments();
        CommandLine parser = EnumOptions.register(new CommandLine(trial));
        parser.setUnmatchedArgumentsAllowed(true);
        parser.setOverwrittenOptionsAllowed(true);
        parser.parseArgs(args.toArray(String[]::new));
        return trial.model;
    }

    @Command
    static final class TrialArguments {
        @Mixin
        ModelOptions model = new ModelOptions();
    }
}
