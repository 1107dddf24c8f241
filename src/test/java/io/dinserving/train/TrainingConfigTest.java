package io.dinserving.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.training.tracker.Tracker;
import io.dinserving.train.TrainingConfig.LearningRateSchedule;
import io.dinserving.train.TrainingConfig.StoppingMetric;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    private static TrainingConfig withSchedule(LearningRateSchedule schedule) {
        return new TrainingConfig(4, 256, 2e-3f, 0f, 2, 1, StoppingMetric.AUC, 0f, schedule);
    }

    @Test
    void aConstantScheduleKeepsTheRateAtEveryStep() {
        Tracker rates = withSchedule(LearningRateSchedule.CONSTANT).learningRates(100);
        assertThat(rates.getNewValue(0)).isEqualTo(2e-3f);
        assertThat(rates.getNewValue(399)).isEqualTo(2e-3f);
    }

    @Test
    void aCosineScheduleFallsFromTheRateToOnePercentOverEveryStepOfTheMostEpochs() {
        Tracker rates = withSchedule(LearningRateSchedule.COSINE).learningRates(100);
        assertThat(rates.getNewValue(0)).isCloseTo(2e-3f, within(1e-7f));
        // half way through the 4 × 100 steps: the middle of the start and the end
        assertThat(rates.getNewValue(200)).isCloseTo((2e-3f + 2e-5f) / 2, within(1e-6f));
        assertThat(rates.getNewValue(400)).isCloseTo(2e-5f, within(1e-7f));
        float previous = Float.MAX_VALUE;
        for (int step = 0; step <= 400; step += 25) {
            float rate = rates.getNewValue(step);
            assertThat(rate).isLessThan(previous);
            previous = rate;
        }
    }

    @Test
    void theScheduleDefaultsToConstant() {
        assertThat(TrainingConfig.defaults(1).schedule()).isEqualTo(LearningRateSchedule.CONSTANT);
    }
}
