package io.dinserving.train;

/**
 * Optimisation settings.
 *
 * @param epochs the most epochs to run
 * @param batchSize samples per step
 * @param learningRate Adam's learning rate
 * @param weightDecay Adam's weight decay
 * @param patience epochs without a better validation score before stopping
 * @param seed seeds initialisation, shuffling and dropout
 * @param stopOn the validation score that picks the kept epoch and stops training
 */
public record TrainingConfig(
        int epochs,
        int batchSize,
        float learningRate,
        float weightDecay,
        int patience,
        long seed,
        StoppingMetric stopOn) {

    /** What early stopping watches on the validation split. */
    public enum StoppingMetric {
        /** Higher is better: ranking quality. */
        AUC,
        /** Lower is better: calibration, which on sparse ids often turns before AUC does. */
        LOG_LOSS
    }

    /** Early stopping on validation AUC. */
    public TrainingConfig(int epochs, int batchSize, float learningRate, float weightDecay, int patience, long seed) {
        this(epochs, batchSize, learningRate, weightDecay, patience, seed, StoppingMetric.AUC);
    }

    public TrainingConfig {
        stopOn = stopOn == null ? StoppingMetric.AUC : stopOn;
        if (epochs < 1 || batchSize < 1 || patience < 1) {
            throw new IllegalArgumentException("epochs, batch size and patience must be positive");
        }
        if (!(learningRate > 0) || weightDecay < 0) {
            throw new IllegalArgumentException("learning rate must be positive and weight decay not negative");
        }
    }

    public static TrainingConfig defaults(long seed) {
        return new TrainingConfig(5, 256, 1e-3f, 0f, 2, seed);
    }
}
