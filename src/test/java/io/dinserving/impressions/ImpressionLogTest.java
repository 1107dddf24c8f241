package io.dinserving.impressions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

class ImpressionLogTest {

    @TempDir
    Path dir;

    static Impression impression(int i) {
        return new Impression(
                "r" + i,
                1000L + i,
                "v1",
                "u" + i,
                List.of("itemId", "category"),
                List.of(List.of("a", "c1")),
                Map.of("gender", "F"),
                Map.of(),
                List.of(new Impression.Shown("b", List.of("b", "c2"), 0.5, 1)));
    }

    ImpressionLog log(double rate, DataSize maxFileSize, int capacity) {
        return new ImpressionLog(
                new ImpressionsProperties(rate, dir, maxFileSize, Duration.ofHours(1), capacity),
                "host-1",
                Clock.systemUTC());
    }

    List<Path> files(String suffix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everyImpressionIsWrittenOnceAndTheFilesAreCompletedAtStop() throws Exception {
        ImpressionLog log = log(1.0, DataSize.ofMegabytes(1), 1000);
        log.start();
        assertThat(log.sampled()).isTrue();
        for (int i = 0; i < 500; i++) {
            log.offer(impression(i));
        }
        log.stop();

        assertThat(files(".part")).isEmpty();
        List<Path> done = files(".jsonl");
        assertThat(done).hasSize(1);
        assertThat(done.get(0).getFileName().toString()).matches("impressions-\\d{8}T\\d{6}Z-host-1-0\\.jsonl");
        List<String> lines = Files.readAllLines(done.get(0));
        assertThat(lines).hasSize(500);
        assertThat(JsonMapper.builder().build().readValue(lines.get(7), Impression.class))
                .isEqualTo(impression(7));
        assertThat(log.written()).isEqualTo(500);
        assertThat(log.dropped()).isZero();
    }

    @Test
    void aFileIsCompletedAtItsSize() throws Exception {
        ImpressionLog log = log(1.0, DataSize.ofKilobytes(10), 1000);
        log.start();
        for (int i = 0; i < 300; i++) {
            log.offer(impression(i));
        }
        log.stop();

        List<Path> done = files(".jsonl");
        assertThat(done).hasSizeGreaterThan(2);
        long lines = 0;
        for (Path file : done) {
            assertThat(Files.size(file)).isLessThan(10 * 1024 + 400);
            lines += Files.readAllLines(file).size();
        }
        assertThat(lines).isEqualTo(300);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() {
        ImpressionLog log = log(1.0, DataSize.ofMegabytes(1), 2); // not started: nothing drains the queue

        for (int i = 0; i < 5; i++) {
            log.offer(impression(i));
        }

        assertThat(log.dropped()).isEqualTo(3);
    }

    @Test
    void aRateOfZeroLogsNothing() {
        ImpressionLog log = log(0.0, DataSize.ofMegabytes(1), 10);
        log.start();

        assertThat(log.sampled()).isFalse();
        log.stop();
    }

    @Test
    void aRateSamplesThatShareOfRankings() {
        ImpressionLog log = log(0.25, DataSize.ofMegabytes(1), 10);
        log.start();
        int sampled = 0;
        for (int i = 0; i < 20_000; i++) {
            sampled += log.sampled() ? 1 : 0;
        }
        log.stop();

        assertThat(sampled).isBetween(4_500, 5_500);
    }
}
