package io.dinserving.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingReportTest {

    private static final float[] SCORES = {0.9f, 0.2f, 0.7f, 0.4f};
    private static final int[] LABELS = {1, 0, 1, 0};

    @Test
    void aSplitWithoutAnyUserHavingBothLabelsSaysWhyItsGaucIsMissing() {
        Map<String, BinaryMetrics> bySplit = new LinkedHashMap<>();
        // one row per user: no user has both a positive and a negative
        bySplit.put("test", BinaryMetrics.of(SCORES, LABELS, List.of("a", "b", "c", "d")));

        String table = TrainingReport.metricsTable(bySplit);

        assertThat(table).contains("| test | 4 | 1.0000 | n/a |");
        assertThat(table).contains("GAUC n/a: no user in that split has both a positive and a negative");
    }

    @Test
    void aTableWithEveryGaucSaysNothingAboutIt() {
        Map<String, BinaryMetrics> bySplit = new LinkedHashMap<>();
        bySplit.put("test", BinaryMetrics.of(SCORES, LABELS, List.of("a", "a", "b", "b")));

        String table = TrainingReport.metricsTable(bySplit);

        assertThat(table).contains("| test | 4 | 1.0000 | 1.0000 |").doesNotContain("n/a");
    }
}
