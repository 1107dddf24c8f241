package io.dinserving.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankerTest {

    @Test
    void ranksByDescendingScoreAndTiesKeepRequestOrder() {
        List<RankedItem> ranked = Ranker.rank(List.of("a", "b", "c", "d"), new float[] {0.2f, 0.9f, 0.2f, 0.5f}, 10);
        assertThat(ranked)
                .containsExactly(
                        new RankedItem("b", 0.9f, 1),
                        new RankedItem("d", 0.5f, 2),
                        new RankedItem("a", 0.2f, 3),
                        new RankedItem("c", 0.2f, 4));
    }

    @Test
    void topKKeepsTheBest() {
        assertThat(Ranker.rank(List.of("a", "b", "c"), new float[] {0.1f, 0.3f, 0.2f}, 2))
                .extracting(RankedItem::itemId)
                .containsExactly("b", "c");
    }
}
