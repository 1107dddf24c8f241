package io.dinserving.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.train.SamplingConfig.NegativeSampling;
import io.dinserving.train.io.Event;
import io.dinserving.train.io.LogDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleBuilderTest {

    private static LogDataset log(List<Event> events) {
        return new LogDataset("test", events, Map.of(), null, null, null);
    }

    private static Event e(String user, String item, long time) {
        return Event.of(user, item, "c" + item.hashCode() % 3, time);
    }

    private static LogDataset randomLog(long seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            for (int k = 0; k < 25; k++) {
                // coarse times make ties common, and the log is not in time order
                events.add(e("u" + u, "i" + random.nextInt(80), random.nextInt(40)));
            }
        }
        return log(events);
    }

    @Test
    void everyHistoryTimestampIsEarlierThanItsTarget() {
        SampleSet set = new SampleBuilder(SamplingConfig.defaults(1)).build(randomLog(7));
        assertThat(set.samples()).isNotEmpty();
        for (Sample s : set.samples()) {
            assertThat(s.historyTimes()).hasSameSizeAs(s.history());
            assertThat(s.historyTimes()).allSatisfy(t -> assertThat(t).isLessThan(s.timestamp()));
        }
    }

    @Test
    void historyIsTheMostRecentEarlierBehavioursInTimeOrder() {
        List<Event> events = List.of(
                e("u", "d", 4), e("u", "a", 1), e("u", "b", 2), e("u", "c", 3), e("u", "tie", 4), e("u", "f", 5));
        SamplingConfig config = new SamplingConfig(2, null, Set.of(), 0, NegativeSampling.UNIFORM, 1);
        List<Sample> samples = new SampleBuilder(config).build(log(events)).samples();
        Sample atFour = samples.stream()
                .filter(s -> s.candidate().get(0).equals("tie"))
                .findFirst()
                .orElseThrow();
        // events at time 4 ("d", "tie") do not see each other; max length 2 keeps b and c
        assertThat(atFour.history()).extracting(b -> b.get(0)).containsExactly("b", "c");
        Sample last = samples.stream()
                .filter(s -> s.candidate().get(0).equals("f"))
                .findFirst()
                .orElseThrow();
        assertThat(last.history()).extracting(b -> b.get(0)).containsExactly("d", "tie");
    }

    @Test
    void lastPositiveIsTestSecondLastValidationRestTrain() {
        List<Event> events = List.of(e("u", "a", 1), e("u", "b", 2), e("u", "c", 3), e("u", "d", 4));
        SamplingConfig config = new SamplingConfig(50, null, Set.of(), 0, NegativeSampling.UNIFORM, 1);
        List<Sample> samples = new SampleBuilder(config).build(log(events)).samples();
        assertThat(samples)
                .extracting(Sample::split)
                .containsExactly(Split.TRAIN, Split.TRAIN, Split.VALIDATION, Split.TEST);
    }

    @Test
    void negativesAreItemsTheUserNeverTouchedAndShareThePositivesHistory() {
        SampleSet set = new SampleBuilder(new SamplingConfig(50, null, Set.of(), 3, NegativeSampling.POPULARITY, 5))
                .build(randomLog(3));
        Map<String, Set<String>> touched = randomLog(3).events().stream()
                .collect(Collectors.groupingBy(Event::user, Collectors.mapping(Event::item, Collectors.toSet())));
        List<Sample> negatives =
                set.samples().stream().filter(s -> s.label() == 0).toList();
        assertThat(negatives).isNotEmpty();
        for (Sample n : negatives) {
            assertThat(touched.get(n.user())).doesNotContain(n.candidate().get(0));
        }
        long positives = set.samples().stream().filter(s -> s.label() == 1).count();
        assertThat(negatives.size()).isLessThanOrEqualTo((int) (3 * positives)).isGreaterThan((int) (2 * positives));
    }

    @Test
    void theSameSeedBuildsTheSameSamples() {
        SampleSet a = new SampleBuilder(SamplingConfig.defaults(11)).build(randomLog(5));
        SampleSet b = new SampleBuilder(SamplingConfig.defaults(11)).build(randomLog(5));
        SampleSet c = new SampleBuilder(SamplingConfig.defaults(12)).build(randomLog(5));
        assertThat(a.samples()).isEqualTo(b.samples());
        assertThat(a.samples()).isNotEqualTo(c.samples());
    }

    @Test
    void aRatingThresholdDecidesPositivesAndOnlyPositivesFormHistory() {
        List<Event> events = List.of(
                new Event("u", "low", null, 1, 2.0, null, null),
                new Event("u", "high", null, 2, 4.5, null, null),
                new Event("u", "next", null, 3, 5.0, null, null));
        SamplingConfig config = new SamplingConfig(50, 4.0, Set.of(), 0, NegativeSampling.UNIFORM, 1);
        List<Sample> samples = new SampleBuilder(config).build(log(events)).samples();
        assertThat(samples).extracting(Sample::label).containsExactly(0, 1, 1);
        assertThat(samples.get(2).history()).extracting(b -> b.get(0)).containsExactly("high");
        assertThat(samples.get(0).candidate()).hasSize(1); // no categories in this log
    }

    @Test
    void labelledImpressionsBecomeNegativesWithTheirOwnHistory() {
        List<Event> events = List.of(
                new Event("u", "a", "x", 1, null, 1, null),
                new Event("u", "b", "x", 2, null, 0, null),
                new Event("u", "c", "y", 3, null, 1, null));
        SamplingConfig config = new SamplingConfig(50, null, Set.of(), 0, NegativeSampling.UNIFORM, 1);
        List<Sample> samples = new SampleBuilder(config).build(log(events)).samples();
        assertThat(samples).extracting(Sample::label).containsExactly(1, 0, 1);
        assertThat(samples.get(1).history()).containsExactly(List.of("a", "x"));
        assertThat(samples.get(2).history()).containsExactly(List.of("a", "x"));
    }

    @Test
    void aHoldoutShareHoldsOutEachUsersLatestEventsWhateverTheirLabel() {
        List<Event> events = new ArrayList<>();
        for (int t = 1; t <= 10; t++) {
            // the log is not in time order; ratings alternate low and high
            events.add(new Event("u", "i" + (11 - t), null, 11 - t, (11 - t) % 2 == 0 ? 5.0 : 1.0, null, null));
        }
        SamplingConfig config = new SamplingConfig(50, 4.0, Set.of(), 0, NegativeSampling.UNIFORM, 1, 0.2);
        List<Sample> samples = new SampleBuilder(config).build(log(events)).samples();
        // 10 events: the latest 2 are test, the latest 2 of the remaining 8 validation
        assertThat(samples).extracting(Sample::timestamp).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(samples)
                .extracting(Sample::split)
                .containsExactly(
                        Split.TRAIN,
                        Split.TRAIN,
                        Split.TRAIN,
                        Split.TRAIN,
                        Split.TRAIN,
                        Split.TRAIN,
                        Split.VALIDATION,
                        Split.VALIDATION,
                        Split.TEST,
                        Split.TEST);
        assertThat(samples).extracting(Sample::label).containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        // a test sample's history is every earlier high rating, test-period ones included
        assertThat(samples.get(9).history()).extracting(b -> b.get(0)).containsExactly("i2", "i4", "i6", "i8");
    }

    @Test
    void aHoldoutShareOutsideItsRangeIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new SamplingConfig(50, null, Set.of(), 1, NegativeSampling.UNIFORM, 1, 0.7))
                .withMessageContaining("holdout share");
    }
}
