package io.dinserving.train.cli;

import io.dinserving.train.BinaryMetrics;
import io.dinserving.train.DinTrainer;
import io.dinserving.train.Progress;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import io.dinserving.train.TrainingPipeline;
import io.dinserving.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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

    /** Settings a search may vary: the model options of `train`, and the history length. */
    static final Set<String> SEARCHABLE = Set.of(
            "variant",
            "weight-normalization",
            "activation",
            "dropout",
            "batch-norm",
            "weight-decay",
            "embedding-l2",
            "lr",
            "lr-schedule",
            "epochs",
            "patience",
            "early-stopping",
            "batch-size",
            "embedding-dim",
            "attention-hidden",
            "top-hidden",
            "max-len");

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
    String search;

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
    String chooseOn;

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

    /** One point of the search space: setting name to value, in the order the space declares. */
    record Point(Map<String, String> settings) {
        String label() {
            List<String> parts = new ArrayList<>();
            settings.forEach((k, v) -> parts.add(k + "=" + v));
            return String.join(" ", parts);
        }
    }

    record TrialRow(Point point, TrainingPipeline.Trial trial, double seconds) {}

    /** Trains one point of the search and scores it on validation; its samples have no test split. */
    @FunctionalInterface
    interface TrialRunner {
        TrainingPipeline.Trial validate(SampleSet trainAndValidation, ModelOptions options, long seed);
    }

    /** Trains the winner with one seed on every split, test included, and writes its bundle. */
    @FunctionalInterface
    interface WinnerRunner {
        TrainingResult train(SampleSet samples, ModelOptions options, long seed, Path bundle) throws Exception;
    }

    TrialRunner trials = (samples, options, seed) -> pipeline(options, seed).validate(samples, options.modelConfig());

    WinnerRunner winners = (samples, options, seed, bundle) ->
            pipeline(options, seed).run(samples, options.modelConfig(), bundle, null);

    /** The silent pipeline one trial or one winner seed trains with. */
    private TrainingPipeline pipeline(ModelOptions options, long seed) {
        return new TrainingPipeline(
                input.featureFitter(), new DinTrainer(options.trainingConfig(seed), Progress.silent()));
    }

    @Override
    public Integer call() throws Exception {
        Criterion criterion = Criterion.parse(chooseOn); // before the first trial, not after the last
        Map<String, List<String>> dimensions = dimensions(space);
        List<Point> points = points(dimensions);
        Files.createDirectories(out);
        Map<Integer, SampleSet> samplesByLength = new HashMap<>();
        List<TrialRow> rows = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            ModelOptions options = optionsFor(point);
            // A trial gets no test samples at all, so nothing it does can depend on them.
            SampleSet samples = samples(point, input.seed, samplesByLength).without(Split.TEST);
            long t = System.nanoTime();
            TrainingPipeline.Trial trial = trials.validate(samples, options, input.seed);
            if (trial.validation() == null) {
                throw new IllegalArgumentException("tune chooses on the validation split, and these samples have none; "
                        + "give them a split column or --validation-samples FILE");
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            rows.add(new TrialRow(point, trial, seconds));
            double elapsed = (System.nanoTime() - started) / 1e9;
            System.err.printf(
                    Locale.ROOT,
                    "trial %d/%d %s: validation AUC %.4f, log loss %.4f, epoch %d of %d (%.0f s; about %s left)%n",
                    i + 1,
                    points.size(),
                    point.label(),
                    trial.validation().auc(),
                    trial.validation().logLoss(),
                    trial.bestEpoch(),
                    trial.epochsRun(),
                    seconds,
                    Progress.clock(elapsed / (i + 1) * (points.size() - i - 1 + winnerSeeds.size())));
        }
        TrialRow winner = rows.stream()
                .max(java.util.Comparator.comparingDouble(
                        r -> criterion.higherIsBetter(r.trial().validation())))
                .orElseThrow();
        System.err.println("winner on validation " + criterion.label + ": "
                + winner.point().label()
                + "; training it with seeds "
                + winnerSeeds + " for its test metrics");

        ModelOptions winning = optionsFor(winner.point());
        List<TrainingResult> results = new ArrayList<>();
        for (int s = 0; s < winnerSeeds.size(); s++) {
            long seed = winnerSeeds.get(s);
            SampleSet samples = samples(winner.point(), seed, new HashMap<>());
            Path bundle = out.resolve(s == 0 ? "winner" : "winner-seed-" + seed);
            results.add(winners.train(samples, winning, seed, bundle));
        }
        String report = report(rows, winner, criterion, winnerSeeds, results);
        Files.writeString(out.resolve("tune-report.md"), report);
        System.out.println(report);
        return 0;
    }

    /** Parses {@code name=v1|v2} declarations, refusing names the search cannot vary. */
    static Map<String, List<String>> dimensions(List<String> declarations) {
        Map<String, List<String>> dimensions = new LinkedHashMap<>();
        for (String declaration : declarations) {
            String[] parts = declaration.split("=", 2);
            String name = parts[0].trim().replaceFirst("^--", "");
            if (parts.length != 2 || parts[1].isBlank()) {
                throw new IllegalArgumentException("--space '" + declaration + "' must read NAME=V1|V2");
            }
            if (!SEARCHABLE.contains(name)) {
                throw new IllegalArgumentException(
                        "--space cannot vary '" + name + "'; it can vary " + new java.util.TreeSet<>(SEARCHABLE));
            }
            List<String> values = new ArrayList<>();
            for (String v : parts[1].split("\\|")) {
                values.add(v.trim());
            }
            if (dimensions.put(name, values) != null) {
                throw new IllegalArgumentException("--space names '" + name + "' twice");
            }
        }
        return dimensions;
    }

    /** Every combination for a grid; a seeded draw of --budget distinct ones for random search. */
    List<Point> points(Map<String, List<String>> dimensions) {
        List<Point> grid = new ArrayList<>();
        grid.add(new Point(Map.of()));
        for (Map.Entry<String, List<String>> d : dimensions.entrySet()) {
            List<Point> next = new ArrayList<>();
            for (Point p : grid) {
                for (String value : d.getValue()) {
                    Map<String, String> settings = new LinkedHashMap<>(p.settings());
                    settings.put(d.getKey(), value);
                    next.add(new Point(settings));
                }
            }
            grid = next;
        }
        switch (search.trim().toLowerCase(Locale.ROOT)) {
            case "grid" -> {
                if (grid.size() > budget) {
                    throw new IllegalArgumentException("the grid has " + grid.size() + " points and --budget is "
                            + budget + "; raise --budget or use --search random");
                }
                return grid;
            }
            case "random" -> {
                Random random = new Random(input.seed);
                Set<Point> drawn = new LinkedHashSet<>();
                while (drawn.size() < Math.min(budget, grid.size())) {
                    drawn.add(grid.get(random.nextInt(grid.size())));
                }
                return new ArrayList<>(drawn);
            }
            default -> throw new IllegalArgumentException("--search must be grid or random, was '" + search + "'");
        }
    }

    /** The model options of this command line, with the point's settings in place of its own. */
    private ModelOptions optionsFor(Point point) {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        point.settings().forEach((name, value) -> {
            if (!name.equals("max-len")) {
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
        CommandLine parser = new CommandLine(trial);
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

    /** The samples for a point's history length and a seed, read once per length. */
    private SampleSet samples(Point point, long seed, Map<Integer, SampleSet> cache) {
        int maxLength = Integer.parseInt(point.settings().getOrDefault("max-len", String.valueOf(input.maxLength)));
        return cache.computeIfAbsent(maxLength, length -> {
            int originalLength = input.maxLength;
            long originalSeed = input.seed;
            input.maxLength = length;
            input.seed = seed;
            try {
                return input.samples();
            } finally {
                input.maxLength = originalLength;
                input.seed = originalSeed;
            }
        });
    }

    /** The validation score a search is decided on. */
    enum Criterion {
        AUC("AUC"),
        GAUC("GAUC"),
        LOG_LOSS("log loss");

        final String label;

        Criterion(String label) {
            this.label = label;
        }

        static Criterion parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--choose-on must be auc, gauc or log-loss, was '" + value + "'");
            }
        }

        /** The score with larger meaning better; a missing GAUC ranks last. */
        double higherIsBetter(BinaryMetrics m) {
            double v = switch (this) {
                case AUC -> m.auc();
                case GAUC -> m.gauc();
                case LOG_LOSS -> -m.logLoss();
            };
            return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        }
    }

    private static String report(
            List<TrialRow> rows, TrialRow winner, Criterion criterion, List<Long> seeds, List<TrainingResult> results) {
        StringBuilder md =
                new StringBuilder("# tune report\n\n## Trials, chosen on validation " + criterion.label + "\n\n");
        md.append(
                "| trial | settings | validation AUC | validation GAUC | validation log loss | kept epoch | seconds |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < rows.size(); i++) {
            TrialRow r = rows.get(i);
            BinaryMetrics v = r.trial().validation();
            md.append(String.format(
                    Locale.ROOT,
                    "| %d%s | %s | %.4f | %.4f | %.4f | %d of %d | %.0f |%n",
                    i + 1,
                    r == winner ? " (winner)" : "",
                    r.point().label(),
                    v.auc(),
                    v.gauc(),
                    v.logLoss(),
                    r.trial().bestEpoch(),
                    r.trial().epochsRun(),
                    r.seconds()));
        }
        md.append("\n## The winner's test metrics\n\n")
                .append(winner.point().label())
                .append("\n\n");
        md.append("| seed | test AUC | test GAUC | test log loss | bundle |\n|---|---|---|---|---|\n");
        double[] auc = new double[results.size()];
        for (int i = 0; i < results.size(); i++) {
            TrainingResult r = results.get(i);
            auc[i] = r.test().auc();
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %.4f | %.4f | %.4f | %s |%n",
                    seeds.get(i),
                    r.test().auc(),
                    r.test().gauc(),
                    r.test().logLoss(),
                    r.bundle()));
        }
        // One seed has no spread to report.
        md.append(
                auc.length == 1
                        ? String.format(Locale.ROOT, "%ntest AUC %.4f with one seed%n", auc[0])
                        : String.format(
                                Locale.ROOT,
                                "%ntest AUC %s over %d seeds%n",
                                CompareCommand.meanStd(auc, "%.4f"),
                                auc.length));
        return md.toString();
    }
}
