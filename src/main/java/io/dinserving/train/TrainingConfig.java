package io.dinserving.train;

/**
 * Optimisation settings.
 *
 * @param epochs the most epochs to run
 * @param batchSize samples per step
 * @param learningRate Adam's learning rate
 * @param weightDecay Adam's weight decay
 * @param patience epochs without a better validation AUC before stopping
 * @param seed seeds initialisation, shuffling and dropout
 */
public record TrainingConfig(
        int epochs, int batchSize, float learningRate, float weightDecay, int patience, long seed) {

    public TrainingConfig {
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
