package io.dinserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.Normalization;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.feature.FeatureSpec.Source;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.train.Sample;
import io.dinserving.train.SampleBuilder;
import io.dinserving.train.SampleSet;
import io.dinserving.train.SamplingConfig;
import io.dinserving.train.Scoring;
import io.dinserving.train.Split;
import io.dinserving.train.SyntheticLogGenerator;
import io.dinserving.train.SyntheticLogGenerator.GeneratorConfig;
import io.dinserving.train.cli.DinCli;
import io.dinserving.train.io.BehaviourLogReader;
import io.dinserving.train.io.LogDataset;
import io.dinserving.train.io.LogFormat;
import io.dinserving.train.io.RowErrors;
import io.dinserving.train.io.SampleFileLayout;
import io.dinserving.train.io.SampleFileReader;
import io.dinserving.train.io.SamplesCsvWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training and serving cannot disagree: for every kind of input {@code train} takes, the bundle it
 * writes is started as the service, and {@code POST /recommend} scores the held-out samples exactly
 * as {@code evaluate} does, within 1e-5.
 */
class TrainServeRoundTripTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int REQUESTS = 25;

    @org.junit.jupiter.api.io.TempDir
    static Path dir;

    static Path log;
    static SampleSet logSamples;

    @BeforeAll
    static void generate() throws Exception {
        log = dir.resolve("log.csv");
        new SyntheticLogGenerator(new GeneratorConfig(120, 4, 10, 20, 2, 5)).write(log);
        LogDataset data = new LogDataset(
                log.toString(),
                new BehaviourLogReader(LogFormat.csv("category", null, "label"), RowErrors.failFast()).read(log),
                null,
                null,
                null,
                null);
        logSamples = new SampleBuilder(
                        new SamplingConfig(20, null, java.util.Set.of(), 1, SamplingConfig.NegativeSampling.UNIFORM, 3))
                .build(data);
    }

    /**
     * Each input kind: the arguments {@code train} gets, and the samples file {@code evaluate} reads
     * for the same data (written by {@code prepare} for logs). Log-derived requests send plain ids,
     * so the bundle's catalogue supplies the category; sample files send every attribute.
     */
    static Stream<Arguments> inputs() throws Exception {
        return Stream.of(
                Arguments.of("log-without-category", logWithoutCategory(), true),
                Arguments.of(
                        "log-with-category",
                        List.of("--log", log.toString(), "--category-col", "category", "--label-col", "label"),
                        true),
                Arguments.of(
                        "movielens-with-profiles",
                        List.of("--movielens", movieLens1m().toString(), "--positive-threshold", "4"),
                        true),
                Arguments.of("tutorial-samples", tutorialSamples(false), false),
                Arguments.of("three-pairs-and-context-samples", tutorialSamples(true), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void servedScoresEqualEvaluateScores(String name, List<String> input, boolean plainIds) throws Exception {
        Path bundle = dir.resolve("bundle-" + name);
        Path samplesFile = dir.resolve("samples-" + name + ".csv");
        if (input.contains("--samples")) {
            samplesFile = Path.of(input.get(input.indexOf("--samples") + 1));
        } else {
            assertThat(DinCli.run(concat(List.of("prepare"), input, List.of("--out", samplesFile.toString()))))
                    .isZero();
        }
        assertThat(DinCli.run(concat(
                        List.of("train"),
                        input,
                        List.of(
                                "--out",
                                bundle.toString(),
                                "--epochs",
                                "1",
                                "--embedding-dim",
                                "4",
                                "--attention-hidden",
                                "8",
                                "--top-hidden",
                                "8",
                                "--model-version",
                                name))))
                .isZero();

        List<Sample> samples;
        float[] expected;
        FeatureSpec spec;
        try (ModelBundle loaded = ModelBundle.load(bundle, Device.cpu())) {
            spec = loaded.manifest().spec();
            SampleSet read = new SampleFileReader(SampleFileLayout.forSpec(spec), RowErrors.failFast())
                    .read(samplesFile, spec.maxLength());
            samples = read.split(Split.TEST).stream().limit(REQUESTS * 3).toList();
            expected = Scoring.score(loaded, samples, 512);
        }
        assertThat(samples).hasSizeGreaterThan(REQUESTS);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DinServingApplication.class)
                .run("--server.port=0", "--din.model.path=" + bundle, "--din.cache.enabled=false")) {
            String url = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/recommend";
            int checked = 0;
            for (List<Integer> group : requestsOf(samples)) {
                JsonNode response = post(url, request(spec, samples, group, plainIds));
                assertThat(response.get("modelVersion").asString()).isEqualTo(name);
                Map<String, Double> served = new HashMap<>();
                response.get("items")
                        .forEach(i -> served.put(
                                i.get("itemId").asString(), i.get("score").asDouble()));
                for (int s : group) {
                    assertThat(served.get(samples.get(s).candidate().get(0)))
                            .as("%s: sample %d", name, s)
                            .isCloseTo(expected[s], within(1e-5));
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(samples.size());
        }
    }

    /** Consecutive samples of one user at one time share a history: one request with their candidates. */
    private static List<List<Integer>> requestsOf(List<Sample> samples) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            Sample previous = i == 0 ? null : samples.get(i - 1);
            if (previous == null
                    || !s.user().equals(previous.user())
                    || s.timestamp() != previous.timestamp()
                    || !s.history().equals(previous.history())) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(i);
        }
        return groups;
    }

    private static Map<String, Object> request(
            FeatureSpec spec, List<Sample> samples, List<Integer> group, boolean plainIds) {
        Sample first = samples.get(group.get(0));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("userId", first.user());
        request.put(
                "behaviors",
                first.history().stream()
                        .map(tokens -> item(spec, tokens, plainIds))
                        .toList());
        request.put(
                "candidates",
                group.stream()
                        .map(s -> item(spec, samples.get(s).candidate(), plainIds))
                        .toList());
        Map<String, Object> user = new HashMap<>();
        Map<String, Object> context = new HashMap<>();
        spec.categorical()
                .forEach(f -> (f.source() == Source.USER ? user : context)
                        .put(f.name(), first.categorical().get(f.name())));
        spec.numeric()
                .forEach(f -> (f.source() == Source.USER ? user : context)
                        .put(f.name(), first.numeric().get(f.name())));
        request.put("userFeatures", user);
        request.put("context", context);
        return request;
    }

    private static Object item(FeatureSpec spec, List<String> tokens, boolean plainId) {
        if (plainId) {
            return tokens.get(0);
        }
        Map<String, Object> item = new HashMap<>();
        item.put("itemId", tokens.get(0));
        List<String> attributes = spec.attributeNames();
        for (int a = 0; a < attributes.size(); a++) {
            item.put(attributes.get(a), tokens.get(a + 1));
        }
        return item;
    }

    private static JsonNode post(String url, Map<String, Object> request) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> logWithoutCategory() throws Exception {
        Path file = dir.resolve("log-without-category.csv");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split(",");
            lines.add(String.join(",", f[0], f[1], f[3], f[4])); // userId,itemId,timestamp,label
        }
        Files.write(file, lines);
        return List.of("--log", file.toString(), "--label-col", "label");
    }

    /** The generated log as ml-1m files: a rating of 5 is a click, with genres and user profiles. */
    private static Path movieLens1m() throws Exception {
        Path ml = dir.resolve("ml-1m");
        Files.createDirectories(ml);
        List<String> ratings = new ArrayList<>();
        Map<String, String> genres = new LinkedHashMap<>();
        Map<String, String> users = new LinkedHashMap<>();
        for (String line :
                Files.readAllLines(log).subList(1, Files.readAllLines(log).size())) {
            String[] f = line.split(",");
            String user = f[0].substring(1);
            String movie = f[1].substring(1);
            ratings.add(user + "::" + movie + "::" + (f[4].equals("1") ? 5 : 1) + "::" + f[3]);
            genres.putIfAbsent(movie, movie + "::Movie " + movie + " (1999)::" + f[2] + "|Drama");
            int h = Integer.parseInt(user);
            users.putIfAbsent(
                    user,
                    user + "::" + (h % 2 == 0 ? "F" : "M") + "::" + (h % 3 == 0 ? 25 : 35) + "::" + h % 7 + "::0000"
                            + h);
        }
        Files.write(ml.resolve("ratings.dat"), ratings);
        Files.write(ml.resolve("movies.dat"), genres.values());
        Files.write(ml.resolve("users.dat"), users.values());
        return ml;
    }

    /**
     * The generated samples in the DIN tutorial's layout: movie and genre pairs, a categorical and a
     * numeric user feature, and optionally a third pair with missing values plus context features.
     */
    private static List<String> tutorialSamples(boolean rich) throws Exception {
        List<AttentionPair> pairs = new ArrayList<>(
                List.of(AttentionPair.item("movieId", "histMovieIds"), AttentionPair.attribute("genre", "histGenres")));
        List<CategoricalFeature> categorical = new ArrayList<>(List.of(CategoricalFeature.user("gender")));
        List<NumericFeature> numeric =
                new ArrayList<>(List.of(NumericFeature.user("age", Normalization.Z_SCORE, false)));
        if (rich) {
            pairs.add(AttentionPair.attribute("decade", "histDecades"));
            categorical.add(CategoricalFeature.context("device"));
            numeric.add(new NumericFeature("hour", Source.CONTEXT, Normalization.MIN_MAX, true));
        }
        FeatureSpec spec = new FeatureSpec(pairs, categorical, numeric, 20);
        List<Sample> samples = new ArrayList<>();
        for (Sample s : logSamples.samples()) {
            int user = Integer.parseInt(s.user().substring(1));
            Map<String, String> cat = new HashMap<>();
            cat.put("gender", user % 2 == 0 ? "F" : "M");
            Map<String, Double> num = new HashMap<>();
            num.put("age", user % 7 == 0 ? null : 18.0 + user % 50);
            if (rich) {
                cat.put("device", List.of("ios", "web", "android").get((int) (s.timestamp() % 3)));
                num.put("hour", s.timestamp() % 5 == 0 ? null : (double) (s.timestamp() % 24));
            }
            samples.add(new Sample(
                    s.user(),
                    s.timestamp(),
                    tokens(s.candidate(), rich),
                    s.history().stream().map(b -> tokens(b, rich)).toList(),
                    List.of(),
                    cat,
                    num,
                    s.label(),
                    s.split()));
        }
        Path file = dir.resolve(rich ? "rich-samples.csv" : "tutorial-samples.csv");
        SamplesCsvWriter.write(new SampleSet("generated", spec, samples, ItemCatalogue.empty()), file);
        List<String> args = new ArrayList<>(List.of(
                "--samples",
                file.toString(),
                "--attention",
                rich
                        ? "movieId=histMovieIds,genre=histGenres,decade=histDecades"
                        : "movieId=histMovieIds,genre=histGenres",
                "--categorical",
                "gender",
                "--numeric",
                "age"));
        if (rich) {
            args.addAll(List.of("--context-categorical", "device", "--context-numeric", "hour:min-max:flag"));
        }
        return args;
    }

    /** Item and genre as generated; a decade derived from the item, missing for every eleventh. */
    private static List<String> tokens(List<String> logTokens, boolean withDecade) {
        if (!withDecade) {
            return logTokens;
        }
        int item = Integer.parseInt(logTokens.get(0).substring(1));
        return Arrays.asList(logTokens.get(0), logTokens.get(1), item % 11 == 0 ? null : "d" + item % 4);
    }

    private static String[] concat(List<String> a, List<String> b, List<String> c) {
        return Stream.of(a, b, c).flatMap(List::stream).toArray(String[]::new);
    }
}
