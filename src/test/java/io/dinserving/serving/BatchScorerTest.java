package io.dinserving.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.Item;
import io.dinserving.feature.RequestEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a scoring worker promises: bounded passes that score alike, and no memory left behind. */
class BatchScorerTest {

    static ModelBundle bundle;

    @BeforeAll
    static void load() {
        bundle = ModelBundle.load(Path.of("models/default"), Device.cpu());
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    @Test
    void boundedPassesGiveTheScoresOfOneBigPass() throws Exception {
        List<EncodedRequest> requests = requests(new Random(4), 20, 3, 25, 1, 12);
        List<float[]> whole;
        List<float[]> pieces;
        try (BatchScorer big = new BatchScorer(bundle, 1000);
                BatchScorer small = new BatchScorer(bundle, 7)) {
            whole = big.process(requests);
            pieces = small.process(requests);
        }
        assertThat(pieces).hasSize(4);
        for (int r = 0; r < requests.size(); r++) {
            assertThat(pieces.get(r)).hasSize(requests.get(r).rows()).containsExactly(whole.get(r), within(1e-6f));
        }
    }

    /**
     * Every array a pass makes is freed with it. Counted over the whole tree of the model's manager,
     * where arrays derived from parameters used to pile up at about nine per pass.
     */
    @Test
    void twoThousandPassesLeaveNoArrayBehind() {
        List<EncodedRequest> requests = requests(new Random(9), 50, 100, 7, 30);
        BatchScorer scorer = BatchScorer.warmedUp(bundle, 64, PassListener.none());
        int afterWarmUp = bundle.model().getNDManager().getManagedArrays().size();
        for (int i = 0; i < 2000; i++) {
            scorer.process(List.of(requests.get(i % requests.size())));
        }
        scorer.process(requests); // several requests in a pass, and requests split across passes
        assertThat(bundle.model().getNDManager().getManagedArrays()).hasSize(afterWarmUp);
    }

    /** Requests of random known items: {@code behaviours} each, and one per candidate count. */
    static List<EncodedRequest> requests(Random random, int behaviours, int... candidateCounts) {
        RequestEncoder encoder = new RequestEncoder(bundle.encoder());
        List<String> items =
                bundle.manifest().features().vocabularies().get("itemId").tokens();
        List<EncodedRequest> requests = new ArrayList<>();
        for (int n : candidateCounts) {
            requests.add(encoder.encode(pick(items, behaviours, random), pick(items, n, random), Map.of(), Map.of()));
        }
        return requests;
    }

    private static List<Item> pick(List<String> items, int n, Random random) {
        List<Item> picked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            picked.add(Item.of(items.get(random.nextInt(items.size()))));
        }
        return picked;
    }
}
