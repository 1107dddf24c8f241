package io.dinserving.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.impressions.Impression;
import io.dinserving.train.Sample;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ImpressionJoinTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    static Impression shown(String request, String user, long time, List<String> history, String... items) {
        List<Impression.Shown> shown = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            shown.add(new Impression.Shown(items[i], List.of(items[i], "cat-" + items[i]), 0.9 - i * 0.1, i + 1));
        }
        return new Impression(
                request,
                time,
                "v1",
                user,
                List.of("itemId", "category"),
                history.stream().map(h -> List.of(h, "cat-" + h)).toList(),
                Map.of("gender", "F", "age", 31),
                Map.of("device", "ios"),
                shown);
    }

    void write(Path file, List<?> lines) throws Exception {
        Files.createDirectories(file.getParent());
        List<String> text = new ArrayList<>();
        for (Object line : lines) {
            text.add(JSON.writeValueAsString(line));
        }
        Files.write(file, text);
    }

    static Map<String, Object> click(String user, String item, long time, String type) {
        return Map.of("userId", user, "itemId", item, "timestamp", time, "type", type);
    }

    Map<String, Integer> labels(SampleSet set, long time) {
        return set.samples().stream()
                .filter(s -> s.timestamp() == time)
                .collect(Collectors.toMap(s -> s.candidate().get(0), Sample::label));
    }

    @Test
    void aShownItemIsPositiveOnlyWhenItsUserClickedItWithinTheWindowAfter() throws Exception {
        long t = 1_000_000;
        write(
                dir.resolve("impressions/impressions-1.jsonl"),
                List.of(shown("r1", "u1", t, List.of("h1", "h2"), "a", "b", "c", "d", "e")));
        write(
                dir.resolve("events.jsonl"),
                List.of(
                        click("u1", "a", t + MINUTE, "click"), // within the window
                        click("u1", "b", t, "click"), // at the ranking itself: not after it
                        click("u1", "c", t + 30 * MINUTE + 1, "click"), // just past the window
                        click("u1", "c", t - MINUTE, "click"), // before the ranking
                        click("u2", "d", t + MINUTE, "click"), // another user
                        Map.of(
                                "events",
                                List.of(click("u1", "e", t + 30 * MINUTE, "click"))))); // a batch; the window's end

        SampleSet set = new ImpressionJoin(Duration.ofMinutes(30), Set.of(), 0.1, 50)
                .join(dir.resolve("impressions"), dir.resolve("events.jsonl"), RowErrors.failFast());

        assertThat(labels(set, t)).isEqualTo(Map.of("a", 1, "b", 0, "c", 0, "d", 0, "e", 1));
        Sample a = set.samples().get(0);
        assertThat(a.history()).containsExactly(List.of("h1", "cat-h1"), List.of("h2", "cat-h2"));
        assertThat(a.candidate()).containsExactly("a", "cat-a");
        assertThat(a.categorical()).isEqualTo(Map.of("gender", "F", "device", "ios"));
        assertThat(a.numeric()).isEqualTo(Map.of("age", 31.0));
        assertThat(set.spec().attributeNames()).containsExactly("category");
        assertThat(set.spec().featureNames(FeatureSpec.Source.USER)).containsExactlyInAnyOrder("gender", "age");
        assertThat(set.spec().featureNames(FeatureSpec.Source.CONTEXT)).containsExactly("device");
        assertThat(set.catalogue().value("category", "h2")).isEqualTo("cat-h2");
    }

    @Test
    void onlyTheNamedEventTypesAreClicks() throws Exception {
        write(dir.resolve("i.jsonl"), List.of(shown("r1", "u1", 0, List.of(), "a", "b")));
        write(dir.resolve("e.jsonl"), List.of(click("u1", "a", 10, "view"), click("u1", "b", 10, "purchase")));

        SampleSet set = new ImpressionJoin(Duration.ofMinutes(30), Set.of("purchase"), 0.1, 50)
                .join(dir.resolve("i.jsonl"), dir.resolve("e.jsonl"), RowErrors.failFast());

        assertThat(labels(set, 0)).isEqualTo(Map.of("a", 0, "b", 1));
    }

    /** The latest rankings test, the ones before them validate: never a ranking judged by a later one. */
    @Test
    void splitsFollowTime() throws Exception {
        List<Impression> impressions = new ArrayList<>();
        for (int i = 19; i >= 0; i--) {
            impressions.add(shown("r" + i, "u" + i, i * MINUTE, List.of(), "a"));
        }
        write(dir.resolve("i.jsonl"), impressions);
        write(dir.resolve("e.jsonl"), List.of());

        SampleSet set = new ImpressionJoin(Duration.ofMinutes(30), Set.of(), 0.1, 50)
                .join(dir.resolve("i.jsonl"), dir.resolve("e.jsonl"), RowErrors.failFast());

        assertThat(set.split(Split.TEST)).extracting(Sample::timestamp).containsExactly(18 * MINUTE, 19 * MINUTE);
        assertThat(set.split(Split.VALIDATION)).extracting(Sample::timestamp).containsExactly(16 * MINUTE, 17 * MINUTE);
        assertThat(set.split(Split.TRAIN)).hasSize(16);
    }

    @Test
    void aDamagedLineIsNamedOrSkippedAsAsked() throws Exception {
        write(dir.resolve("i.jsonl"), List.of(shown("r1", "u1", 0, List.of(), "a")));
        Files.writeString(
                dir.resolve("e.jsonl"),
                "{\"userId\": \"u1\", \"itemId\": \"a\", \"timestamp\": 5}\n{\"userId\": \"u1\"}\n");
        ImpressionJoin join = new ImpressionJoin(Duration.ofMinutes(30), Set.of(), 0.1, 50);

        assertThatThrownBy(() -> join.join(dir.resolve("i.jsonl"), dir.resolve("e.jsonl"), RowErrors.failFast()))
                .isInstanceOf(MalformedRowException.class)
                .hasMessageContaining("e.jsonl:2");
        RowErrors skip = new RowErrors(RowErrors.Policy.SKIP);
        assertThat(labels(join.join(dir.resolve("i.jsonl"), dir.resolve("e.jsonl"), skip), 0))
                .isEqualTo(Map.of("a", 1));
        assertThat(skip.skipped()).isEqualTo(1);
    }
}
