package io.dinserving.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dinserving.train.io.LogDataset;
import io.dinserving.train.io.MovieLensReader;
import io.dinserving.train.io.RowErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against the real ml-latest-small in ../shared/data; skipped where it is absent. */
class MovieLensRealDataTest {

    static LogDataset data;

    @BeforeAll
    static void read() {
        String root = System.getenv().getOrDefault("DIN_SHARED_DATA", "../shared/data");
        Path dir = Path.of(root, "ml-latest-small");
        assumeTrue(Files.exists(dir.resolve("ratings.csv")), "ml-latest-small not found under " + root);
        data = new MovieLensReader(RowErrors.failFast()).read(dir);
    }

    @Test
    void readsEveryRatingWithGenresAsCategories() {
        assertThat(data.events()).hasSize(100_836);
        assertThat(data.events().stream().map(e -> e.user()).distinct().count()).isEqualTo(610);
        assertThat(data.itemCategories().values().stream().distinct().count()).isBetween(15L, 20L);
    }

    @Test
    void samplesHaveNoLeakageAndOneTestPositivePerUser() {
        SampleSet set = new SampleBuilder(SamplingConfig.defaults(1)).build(data);
        for (Sample s : set.samples()) {
            assertThat(s.history()).hasSizeLessThanOrEqualTo(50);
            for (long t : s.historyTimes()) {
                assertThat(t).isLessThan(s.timestamp());
            }
        }
        Map<String, Long> testPositives = set.split(Split.TEST).stream().filter(s -> s.label() == 1)
                .collect(Collectors.groupingBy(Sample::user, Collectors.counting()));
        assertThat(testPositives).hasSize(610).allSatisfy((user, n) -> assertThat(n).isEqualTo(1));
        List<Sample> train = set.split(Split.TRAIN);
        assertThat(train.stream().filter(s -> s.label() == 1).count())
                .isEqualTo(train.stream().filter(s -> s.label() == 0).count());
    }
}
