package io.dinserving.train.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.bundle.BundleManifest;
import io.dinserving.bundle.ModelBundle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DinCliTest {

    @TempDir
    Path dir;

    private static String run(String... args) {
        return CliOutput.standardOutputOf(args);
    }

    /**
     * Commands that can take a while say what they are doing and how long each step took, on
     * standard error, so their results on standard output stay clean.
     */
    @Test
    void prepareImportAndCompareSayWhatTheyAreDoing() throws Exception {
        Path log = generatedLog(40, 5);
        String prepare = CliOutput.standardErrorOf(
                "prepare",
                "--log",
                log.toString(),
                "--category-col",
                "category",
                "--label-col",
                "label",
                "--out",
                dir.resolve("samples.csv").toString(),
                "--fitted-features",
                dir.resolve("fitted.json").toString(),
                "--encoded",
                dir.resolve("encoded.csv").toString());
        long rows = Files.readAllLines(dir.resolve("samples.csv")).size() - 1;
        assertThat(prepare.lines().toList())
                .anySatisfy(l -> assertThat(l).matches("reading and building samples \\.\\.\\. \\d+\\.\\d s"))
                .anySatisfy(l ->
                        assertThat(l).startsWith(String.format(java.util.Locale.ROOT, "writing %,d samples in ", rows)))
                .anySatisfy(l -> assertThat(l).matches("fitting features on the training split \\.\\.\\. \\d+\\.\\d s"))
                .anySatisfy(l -> assertThat(l).matches("encoding samples \\.\\.\\. \\d+\\.\\d s"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith(String.format(java.util.Locale.ROOT, "writing encoded %,d samples in ", rows)));

        Path fixture = Path.of("src/test/resources/torchscript");
        String imported = CliOutput.standardErrorOf(
                "import",
                "--torchscript",
                fixture.resolve("model.pt").toString(),
                "--features",
                fixture.resolve("fitted.json").toString(),
                "--out",
                dir.resolve("py").toString());
        assertThat(imported)
                .containsPattern("copying .*model.pt \\.\\.\\. \\d+\\.\\d s")
                .containsPattern("loading it to check it takes the service's inputs \\.\\.\\. \\d+\\.\\d s");

        assertThat(CliOutput.standardErrorOf(
                        "compare",
                        dir.resolve("py").toString(),
                        dir.resolve("py").toString()))
                .startsWith("reading 2 bundles in ");
    }

    /** Every command's help, as {@code CMD --help} and {@code help CMD}, prints usage and no warning. */
    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "prepare", "generate", "compare", "bench", "import", "tune"})
    void theHelpOfEveryCommandIsFreeOfWarnings(String command) {
        for (String[] args : List.of(new String[] {command, "--help"}, new String[] {"help", command})) {
            PrintStream originalErr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true));
            String out;
            try {
                out = run(args);
            } finally {
                System.setErr(originalErr);
            }
            assertThat(out).as("%s", List.of(args)).startsWith("Usage: din " + command);
            assertThat(out + err).as("%s", List.of(args)).doesNotContainIgnoringCase("warn");
        }
    }

    /** A generated log of {@code users} users, 10 events each, over 3 categories of 5 items. */
    private Path generatedLog(int users, int seed) {
        Path log = dir.resolve("log-" + seed + ".csv");
        run(
                "generate",
                "--out",
                log.toString(),
                "--users",
                String.valueOf(users),
                "--categories",
                "3",
                "--items-per-category",
                "5",
                "--events-per-user",
                "10",
                "--seed",
                String.valueOf(seed));
        return log;
    }

    /** A model small enough for a test: one epoch, tiny widths. */
    private static final List<String> TINY_MODEL =
            List.of("--epochs", "1", "--embedding-dim", "4", "--attention-hidden", "8", "--top-hidden", "8");

    /** {@code command} with {@link #TINY_MODEL}, then {@code args}. */
    private String runTiny(String command, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(command));
        all.addAll(TINY_MODEL);
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** {@code train} with {@link #TINY_MODEL}, then {@code args}. */
    private String trainTiny(String... args) {
        return runTiny("train", args);
    }

    /** Display names reach bundles trained from sample files and imported ones, from an item file. */
    @Test
    void titlesFromAnItemFileReachTrainedAndImportedBundles() throws Exception {
        Path log = generatedLog(40, 5);
        Path prepared = dir.resolve("named-samples.csv");
        run("prepare", "--log", log.toString(), "--category-col", "category", "--out", prepared.toString());
        String item = Files.readAllLines(prepared).get(1).split(",")[2];
        Path items = dir.resolve("titles.csv");
        Files.writeString(items, "itemId,title\n" + item + ",\"The Title, With A Comma\"\n");
        String[] names = {"--items", items.toString(), "--item-name-col", "title"};

        Path trained = dir.resolve("named");
        List<String> train = new java.util.ArrayList<>(List.of("--samples", prepared.toString()));
        train.addAll(List.of(names));
        train.addAll(List.of("--out", trained.toString()));
        trainTiny(train.toArray(String[]::new));
        String fixture = "src/test/resources/torchscript/";
        Path imported = dir.resolve("imported-named");
        List<String> importArgs = new java.util.ArrayList<>(List.of("import", "--torchscript", fixture + "model.pt"));
        importArgs.addAll(List.of("--features", fixture + "fitted.json", "--out", imported.toString()));
        importArgs.addAll(List.of(names));
        run(importArgs.toArray(String[]::new));

        assertThat(ModelBundle.readManifest(trained).itemNames()).containsEntry(item, "The Title, With A Comma");
        assertThat(ModelBundle.readManifest(imported).itemNames()).containsEntry(item, "The Title, With A Comma");
    }

    /**
     * {@code compare} puts bundles trained alike but for the seed in one row, names the rows by what
     * differs, and says {@code n/a} with a reason for a bundle without metrics.
     */
    @Test
    void compareRowsAreGroupsOfSeedsNamedByTheSettingsThatDiffer() {
        Path log = generatedLog(60, 11);
        for (String[] bundle :
                List.of(new String[] {"din-1", "din", "1"}, new String[] {"din-2", "din", "2"}, new String[] {
                    "base-1", "base", "1"
                })) {
            String[] columns = {"--category-col", "category", "--label-col", "label"};
            List<String> args = new java.util.ArrayList<>(List.of("--log", log.toString()));
            args.addAll(List.of(columns));
            args.addAll(List.of(
                    "--variant",
                    bundle[1],
                    "--seed",
                    bundle[2],
                    "--out",
                    dir.resolve(bundle[0]).toString()));
            trainTiny(args.toArray(String[]::new));
        }
        String fixture = "src/test/resources/torchscript/";
        String imported = dir.resolve("imported").toString();
        run("import", "--torchscript", fixture + "model.pt", "--features", fixture + "fitted.json", "--out", imported);

        String table = run(
                "compare",
                dir.resolve("din-1").toString(),
                dir.resolve("din-2").toString(),
                dir.resolve("base-1").toString(),
                dir.resolve("imported").toString());

        List<String> rows =
                table.lines().filter(l -> l.startsWith("| variant=")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0))
                .startsWith("| variant=din ")
                .contains("| din-1, din-2 | 1, 2 |")
                .contains(" ± ");
        assertThat(rows.get(1)).startsWith("| variant=base ").contains("| base-1 | 1 |");
        assertThat(rows.get(2))
                .startsWith("| variant=torchscript ")
                .contains("n/a")
                .doesNotContain("NaN");
        assertThat(table).contains("n/a: imported records no test.auc (import it with --metrics FILE to carry them)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "help", "--help", "-h", "trian", "bench"})
    void aCommandWordOrACliOptionNeverStartsTheServer(String first) {
        assertThat(DinCli.isCommand(new String[] {first})).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--server.port=9090", "--din.model.path=models/x"})
    void springPropertiesStartTheServer(String first) {
        assertThat(DinCli.isCommand(new String[] {first})).isFalse();
        assertThat(DinCli.isCommand(new String[0])).isFalse();
    }

    @Test
    void versionAndHelpAnswerThemselves() {
        assertThat(run("--version")).contains("din-serving 0.1.0");
        assertThat(run("help")).contains("Usage: din").contains("train");
        assertThat(run("help", "train")).contains("Usage: din train");
    }

    @Test
    void aMisspeltCommandFailsWithASuggestion() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            assertThat(DinCli.run("trian")).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString()).contains("trian").contains("train");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "prepare", "generate", "compare"})
    void everyCommandHasHelp(String command) {
        assertThat(run(command, "--help")).contains("Usage: din " + command);
    }

    @Test
    void preparedSamplesTrainWithoutTheLogPipelineAndEvaluateWithTheBundle() throws Exception {
        Path log = dir.resolve("log.csv");
        run(
                "generate",
                "--out",
                log.toString(),
                "--users",
                "150",
                "--categories",
                "5",
                "--items-per-category",
                "10",
                "--events-per-user",
                "20",
                "--seed",
                "3");
        Path prepared = dir.resolve("samples.csv");
        String prepareOut = run(
                "prepare",
                "--log",
                log.toString(),
                "--category-col",
                "category",
                "--label-col",
                "label",
                "--max-len",
                "20",
                "--out",
                prepared.toString());
        assertThat(prepareOut).contains("written to");
        List<String> lines = Files.readAllLines(prepared);
        assertThat(lines.get(0))
                .isEqualTo("userId,timestamp,itemId,category,historyItemIds,historyCategories,label,split");
        assertThat(lines).anyMatch(l -> l.endsWith(",test")).anyMatch(l -> l.endsWith(",validation"));

        Path bundle = dir.resolve("bundle");
        trainTiny(
                "--samples",
                prepared.toString(),
                "--max-len",
                "20",
                "--out",
                bundle.toString(),
                "--model-version",
                "cli-1",
                "--lr-schedule",
                "cosine",
                "--lr",
                "0.002",
                "--seed",
                "9");
        BundleManifest manifest = ModelBundle.readManifest(bundle);
        assertThat(manifest.version()).isEqualTo("cli-1");
        // the bundle says how it was trained, so it can be trained again
        assertThat(manifest.trainingData().settings())
                .containsEntry("lr-schedule", "cosine")
                .containsEntry("epochs", 1)
                .containsEntry("seed", 9)
                .containsEntry("early-stopping", "auc")
                .containsKeys("lr", "weight-decay", "embedding-l2", "patience", "batch-size");
        assertThat(((Number) manifest.trainingData().settings().get("lr")).doubleValue())
                .isCloseTo(0.002, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(manifest.spec().attention()).hasSize(2);

        String evaluation = run(
                "evaluate",
                "--model",
                bundle.toString(),
                "--samples",
                prepared.toString(),
                "--report",
                dir.resolve("report").toString());
        assertThat(evaluation).contains("| test |").contains("| all |");
        assertThat(dir.resolve("report/report.json")).exists();
        // Evaluating the test split through the CLI gives the AUC the training run recorded.
        String testRow = evaluation
                .lines()
                .filter(l -> l.startsWith("| test |"))
                .findFirst()
                .orElseThrow();
        assertThat(testRow)
                .contains(String.format(
                        java.util.Locale.ROOT, "%.4f", manifest.metrics().get("test.auc")));
    }

    /** What the Helm chart's retraining job does: each run becomes the repository's next version. */
    @Test
    void trainPublishesIntoAModelRepositoryAsTheNextVersionLeavingNoTemporaryDirectory() throws Exception {
        Path log = generatedLog(60, 4);
        Path repository = dir.resolve("repository");
        for (int i = 1; i <= 2; i++) {
            trainTiny(
                    "--log",
                    log.toString(),
                    "--label-col",
                    "label",
                    "--model-version",
                    "nightly-" + i,
                    "--publish-to",
                    repository.toString());
        }
        try (var children = Files.list(repository)) {
            assertThat(children.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1", "2");
        }
        assertThat(ModelBundle.readManifest(repository.resolve("2")).version()).isEqualTo("nightly-2");
        assertThat(ModelBundle.readManifest(repository.resolve("1")).parametersSha256())
                .hasSize(64);
        try (var registry = new io.dinserving.serving.ModelRegistry(
                new io.dinserving.serving.ModelProperties(repository, null, null, null, java.time.Duration.ZERO, null),
                new io.dinserving.batching.BatchingProperties(null, null, null, null, 1, null),
                ai.djl.Device.cpu(),
                io.dinserving.serving.ServingListener.none())) {
            registry.start();
            assertThat(registry.servedModels()).extracting(m -> m.version()).containsExactly("2");
        }
    }

    /** Display names from the item file travel in the bundle, for explained rankings and the demo page. */
    @Test
    void anItemNameColumnBecomesTheBundlesDisplayNames() throws Exception {
        Path log = generatedLog(60, 5);
        StringBuilder items = new StringBuilder("itemId,category,title\n");
        for (int i = 0; i < 15; i++) {
            items.append("i")
                    .append(i)
                    .append(",c")
                    .append(i / 5)
                    .append(",\"Item ")
                    .append(i)
                    .append(", the\"\n");
        }
        Files.writeString(dir.resolve("items.csv"), items);
        Path bundle = dir.resolve("named");
        trainTiny(
                "--log",
                log.toString(),
                "--label-col",
                "label",
                "--items",
                dir.resolve("items.csv").toString(),
                "--item-name-col",
                "title",
                "--out",
                bundle.toString());
        BundleManifest manifest = ModelBundle.readManifest(bundle);
        assertThat(manifest.itemName("i7")).isEqualTo("Item 7, the");
        assertThat(manifest.itemNames()).hasSize(15);
    }

    /** A separate test file needs no split column, even when the main file has one. */
    @Test
    void aTestFileWithoutASplitColumnTrainsBesideAMainFileWithOne() throws Exception {
        Path log = generatedLog(60, 6);
        Path prepared = dir.resolve("all.csv");
        run(
                "prepare",
                "--log",
                log.toString(),
                "--category-col",
                "category",
                "--label-col",
                "label",
                "--out",
                prepared.toString());
        List<String> lines = Files.readAllLines(prepared);
        List<String> main = new java.util.ArrayList<>(List.of(lines.get(0)));
        List<String> test = new java.util.ArrayList<>(List.of(lines.get(0).replace(",split", "")));
        for (String line : lines.subList(1, lines.size())) {
            if (line.endsWith(",test")) {
                test.add(line.substring(0, line.length() - ",test".length()));
            } else {
                main.add(line);
            }
        }
        Files.write(dir.resolve("main.csv"), main);
        Files.write(dir.resolve("test.csv"), test);
        Path bundle = dir.resolve("separate-test");
        trainTiny(
                "--samples",
                dir.resolve("main.csv").toString(),
                "--test-samples",
                dir.resolve("test.csv").toString(),
                "--out",
                bundle.toString());
        assertThat(ModelBundle.readManifest(bundle).metrics().get("test.samples"))
                .isEqualTo(test.size() - 1.0);
    }

    /** A grid on validation AUC; the winner trained again per seed for its test metrics, and kept. */
    @Test
    void tuneSearchesAGridOnValidationAndKeepsTheWinner() throws Exception {
        Path log = generatedLog(80, 8);
        Path out = dir.resolve("tune");
        String report = runTiny(
                "tune",
                "--log",
                log.toString(),
                "--category-col",
                "category",
                "--label-col",
                "label",
                "--space",
                "activation=prelu|dice",
                "--space",
                "max-len=5|20",
                "--winner-seeds",
                "1,2",
                "--out",
                out.toString());
        List<String> trials = report.lines()
                .filter(l -> l.matches("\\| \\d.*") && l.contains(" of "))
                .toList();
        assertThat(trials).hasSize(4);
        String winner =
                trials.stream().filter(l -> l.contains("(winner)")).findFirst().orElseThrow();
        double best = trials.stream()
                .mapToDouble(l -> Double.parseDouble(l.split("\\|")[3].trim()))
                .max()
                .orElseThrow();
        assertThat(Double.parseDouble(winner.split("\\|")[3].trim())).isEqualTo(best);
        assertThat(Files.readString(out.resolve("tune-report.md"))).contains("over 2 seeds");
        BundleManifest kept = ModelBundle.readManifest(out.resolve("winner"));
        assertThat(winner)
                .contains("activation=" + kept.model().activation().name().toLowerCase());
        assertThat(winner).contains("max-len=" + kept.spec().maxLength());
        assertThat(out.resolve("winner-seed-2").resolve(ModelBundle.MANIFEST)).exists();
    }

    @Test
    void logsJoinItemAndUserAttributeFiles() throws Exception {
        Path log = dir.resolve("log.tsv");
        StringBuilder rows = new StringBuilder("user\titem\tts\n");
        for (int u = 0; u < 6; u++) {
            for (int t = 0; t < 5; t++) {
                rows.append("u")
                        .append(u)
                        .append("\ti")
                        .append((u + t) % 7)
                        .append('\t')
                        .append(t)
                        .append('\n');
            }
        }
        Files.writeString(log, rows);
        Files.writeString(dir.resolve("items.csv"), "itemId,category\ni0,a\ni1,a\ni2,b\ni3,b\ni4,c\ni5,c\ni6,c\n");
        Files.writeString(
                dir.resolve("users.csv"), "userId,gender,age\nu0,F,20\nu1,M,\nu2,F,40\nu3,M,35\nu4,F,22\nu5,M,50\n");
        Path samples = dir.resolve("s.csv");
        run(
                "prepare",
                "--log",
                log.toString(),
                "--user-col",
                "user",
                "--item-col",
                "item",
                "--time-col",
                "ts",
                "--items",
                dir.resolve("items.csv").toString(),
                "--users",
                dir.resolve("users.csv").toString(),
                "--categorical",
                "gender",
                "--numeric",
                "age:min-max:flag",
                "--out",
                samples.toString());
        List<String> lines = Files.readAllLines(samples);
        assertThat(lines.get(0))
                .isEqualTo("userId,timestamp,itemId,category,historyItemIds,historyCategories,gender,age,label,split");
        assertThat(lines).anyMatch(l -> l.startsWith("u1,") && l.contains(",M,,"));
        assertThat(lines).anyMatch(l -> l.startsWith("u0,1,i1,a,i0,a,F,20.0,1,"));
    }
}
