package io.dinserving.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void aucCountsCorrectlyOrderedPairs() {
        // positives 0.8, 0.4; negatives 0.6, 0.2: pairs (0.8>0.6) (0.8>0.2) (0.4<0.6) (0.4>0.2) -> 3/4
        assertThat(BinaryMetrics.auc(new float[] {0.8f, 0.4f, 0.6f, 0.2f}, new int[] {1, 1, 0, 0}))
                .isEqualTo(0.75);
    }

    @Test
    void aucCountsTiesAsHalf() {
        // positive 0.5 ties negative 0.5 (1/2), beats negative 0.1 (1); positive 0.9 beats both (2) -> 3.5/4
        assertThat(BinaryMetrics.auc(new float[] {0.5f, 0.9f, 0.5f, 0.1f}, new int[] {1, 1, 0, 0}))
                .isEqualTo(0.875);
        assertThat(BinaryMetrics.auc(new float[] {0.3f, 0.3f, 0.3f}, new int[] {1, 0, 0}))
                .isEqualTo(0.5);
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertThat(BinaryMetrics.auc(new float[] {0.3f, 0.7f}, new int[] {1, 1}))
                .isNaN();
    }

    @Test
    void gaucWeighsUsersBySampleCountAndSkipsUsersWithOneClass() {
        float[] scores = {0.9f, 0.1f, 0.2f, /* u2 */ 0.3f, 0.6f, /* u3 */ 0.5f};
        int[] labels = {1, 0, 1, /* u2 */ 1, 0, /* u3 */ 1};
        List<String> users = List.of("u1", "u1", "u1", "u2", "u2", "u3");
        // u1: positives 0.9, 0.2 vs negative 0.1 -> AUC 1, weight 3; u2: AUC 0, weight 2; u3 has one class
        assertThat(BinaryMetrics.gauc(scores, labels, users)).isCloseTo(3.0 / 5.0, within(1e-12));
    }

    @Test
    void logLossAndAccuracyMatchHandComputedValues() {
        BinaryMetrics m = BinaryMetrics.of(new float[] {0.8f, 0.3f, 0.6f}, new int[] {1, 0, 0}, null);
        double expected = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.4)) / 3;
        assertThat(m.logLoss()).isCloseTo(expected, within(1e-6));
        assertThat(m.accuracy()).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(m.samples()).isEqualTo(3);
        assertThat(m.positives()).isEqualTo(1);
        assertThat(m.gauc()).isNaN();
    }
}
