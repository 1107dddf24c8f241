package io.dinserving.train;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.train.io.Event;
import io.dinserving.train.io.LogDataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Builds labelled samples from a time-ordered behaviour log without leakage.
 *
 * <ul>
 *   <li>Each user's events are sorted by time, ties kept in input order.
 *   <li>A sample for an event sees only that user's positive behaviours with an earlier timestamp;
 *       events at the same time are not history.
 *   <li>Per user, the last positive (and what follows the second-last) is test, the second-last is
 *       validation, the rest is train; or, with a holdout share, the user's latest events by that
 *       share are test and the latest of the rest by that share validation.
 *   <li>Negatives are drawn from items the user never touched; they share the positive's history
 *       and split. Negative popularity is counted on the training split only.
 * </ul>
 */
public final class SampleBuilder {

    private final SamplingConfig config;

    public SampleBuilder(SamplingConfig config) {
        this.config = config;
    }

    public SampleSet build(LogDataset data) {
        boolean withCategory = data.hasCategories();
        FeatureSpec spec =
                FeatureSpec.forBehaviourLogs(withCategory, data.categorical(), data.numeric(), config.maxLength());
        ItemCatalogue catalogue = catalogue(data);

        Map<String, List<Event>> byUser = new LinkedHashMap<>();
        for (Event e : data.events()) {
            byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
        }
        List<UserTimeline> timelines = new ArrayList<>(byUser.size());
        for (Map.Entry<String, List<Event>> entry : byUser.entrySet()) {
            List<Event> events = entry.getValue();
            events.sort(Comparator.comparingLong(Event::timestamp)); // stable: ties keep input order
            timelines.add(new UserTimeline(entry.getKey(), events, spec, catalogue, data));
        }

        NegativeSampler sampler = negativeSampler(timelines);
        List<Sample> samples = new ArrayList<>();
        for (UserTimeline user : timelines) {
            user.addSamples(samples, sampler);
        }
        return new SampleSet(data.source(), spec, samples, catalogue, data.itemNames());
    }

    private NegativeSampler negativeSampler(List<UserTimeline> timelines) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (UserTimeline user : timelines) {
            for (int i = 0; i < user.events.size(); i++) {
                if (user.splits[i] == Split.TRAIN && user.positive[i]) {
                    counts.merge(user.events.get(i).item(), 1L, Long::sum);
                }
            }
        }
        List<String> items = new ArrayList<>(counts.keySet());
        Collections.sort(items); // independent of input order
        long[] popularity = items.stream().mapToLong(counts::get).toArray();
        return new NegativeSampler(items, popularity, config.negativeSampling(), new Random(config.seed()));
    }

    /** Categories from the item file first, then the first one the log gives each item. */
    private static ItemCatalogue catalogue(LogDataset data) {
        ItemCatalogue.Builder catalogue = ItemCatalogue.builder();
        data.itemCategories().forEach((item, category) -> catalogue.add(FeatureSpec.LOG_CATEGORY, item, category));
        for (Event e : data.events()) {
            catalogue.add(FeatureSpec.LOG_CATEGORY, e.item(), e.category());
        }
        return catalogue.build();
    }

    private boolean isPositive(Event e) {
        if (e.label() != null) {
            return e.label() == 1;
        }
        if (!config.positiveEventTypes().isEmpty()
                && e.eventType() != null
                && !config.positiveEventTypes().contains(e.eventType())) {
            return false;
        }
        return config.positiveThreshold() == null || e.rating() == null || e.rating() >= config.positiveThreshold();
    }

    /** One user's events in time order, with the positive behaviours that form histories. */
    private final class UserTimeline {
        final String user;
        final List<Event> events;
        final boolean[] positive;
        final Split[] splits;
        final List<List<String>> behaviours = new ArrayList<>();
        final List<Long> behaviourTimes = new ArrayList<>();
        final long[] times;
        final Set<String> touched = new HashSet<>();
        final FeatureSpec spec;
        final ItemCatalogue catalogue;
        final Map<String, String> categorical;
        final Map<String, Double> numeric;

        UserTimeline(String user, List<Event> events, FeatureSpec spec, ItemCatalogue catalogue, LogDataset data) {
            this.user = user;
            this.events = events;
            this.spec = spec;
            this.catalogue = catalogue;
            this.positive = new boolean[events.size()];
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                positive[i] = isPositive(e);
                touched.add(e.item());
                if (positive[i]) {
                    behaviours.add(tokens(e.item(), e.category()));
                    behaviourTimes.add(e.timestamp());
                }
            }
            this.times = behaviourTimes.stream().mapToLong(Long::longValue).toArray();
            this.splits = splits();
            this.categorical = new HashMap<>();
            for (CategoricalFeature f : data.categorical()) {
                categorical.put(f.name(), data.users().get(user, f.name()));
            }
            this.numeric = new HashMap<>();
            for (NumericFeature f : data.numeric()) {
                numeric.put(f.name(), parseNumber(data.users().get(user, f.name()), f.name()));
            }
        }

        private Split[] splits() {
            if (config.holdoutShare() != null) {
                return shareSplits(config.holdoutShare());
            }
            List<Integer> positives = new ArrayList<>();
            for (int i = 0; i < positive.length; i++) {
                if (positive[i]) {
                    positives.add(i);
                }
            }
            int n = positives.size();
            int testAfter = n >= 2 ? positives.get(n - 2) : -1;
            int validationAfter = n >= 3 ? positives.get(n - 3) : -1;
            Split[] out = new Split[events.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = n == 0
                        ? Split.TRAIN
                        : i > testAfter ? Split.TEST : i > validationAfter ? Split.VALIDATION : Split.TRAIN;
            }
            return out;
        }

        /** The latest {@code share} of the events is test, the latest {@code share} of the rest validation. */
        private Split[] shareSplits(double share) {
            int n = events.size();
            int testFrom = n - (int) Math.ceil(n * share);
            int validationFrom = testFrom - (int) Math.ceil(testFrom * share);
            Split[] out = new Split[n];
            for (int i = 0; i < n; i++) {
                out[i] = i >= testFrom ? Split.TEST : i >= validationFrom ? Split.VALIDATION : Split.TRAIN;
            }
            return out;
        }

        void addSamples(List<Sample> out, NegativeSampler sampler) {
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                int end = firstAtOrAfter(e.timestamp());
                int start = Math.max(0, end - config.maxLength());
                List<List<String>> history = behaviours.subList(start, end);
                List<Long> historyTimes = behaviourTimes.subList(start, end);
                out.add(sample(
                        e.timestamp(),
                        tokens(e.item(), e.category()),
                        history,
                        historyTimes,
                        positive[i] ? 1 : 0,
                        splits[i]));
                if (positive[i]) {
                    for (int k = 0; k < config.negativesPerPositive(); k++) {
                        String negative = sampler.draw(touched);
                        if (negative != null) {
                            out.add(sample(e.timestamp(), tokens(negative, null), history, historyTimes, 0, splits[i]));
                        }
                    }
                }
            }
        }

        private Sample sample(
                long time,
                List<String> candidate,
                List<List<String>> history,
                List<Long> historyTimes,
                int label,
                Split split) {
            return new Sample(user, time, candidate, history, historyTimes, categorical, numeric, label, split);
        }

        /** Index of the first behaviour at or after {@code time}: everything before it is history. */
        private int firstAtOrAfter(long time) {
            int lo = 0;
            int hi = times.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < time) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** The same raw→token step as serving: an attribute the event lacks comes from the catalogue. */
        private List<String> tokens(String item, String category) {
            return catalogue.tokens(
                    spec, item, category == null ? Map.of() : Map.of(FeatureSpec.LOG_CATEGORY, category));
        }
    }

    private static Double parseNumber(String value, String feature) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("numeric feature '" + feature + "' has value '" + value + "'");
        }
    }
}
