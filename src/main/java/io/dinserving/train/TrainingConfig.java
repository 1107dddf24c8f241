package io.dinserving.train;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
 * @param embeddingL2 weight of the paper's mini-batch-aware L2 on embeddings: each step adds, for
 *     every id its batch uses, {@code embeddingL2 * ||w||^2 / n}, n being the id's count in the
 *     training samples; 0 turns it off
 * @param schedule how the learning rate moves over the run; null is constant
 */
public record TrainingConfig(
        int epochs,
        int batchSize,
        float learningRate,
        float weightDecay,
        int patience,
        long seed,
        StoppingMetric stopOn,
        float embeddingL2,
        LearningRateSchedule schedule) {

    /** The learning rate a cosine schedule ends at, as a share of the starting rate. */
    static final float COSINE_FINAL_SHARE = 0.01f;

    /** How the learning rate changes between steps. */
    public enum LearningRateSchedule {
        /** The same rate at every step. */
        CONSTANT,
        /**
         * From the rate down to 1 % of it along half a cosine over every step of the most epochs:
         * late epochs take small steps, which tends to settle sparse embeddings rather than let
         * them keep chasing the last batches.
         */
        COSINE
    }

    /** The learning rate of each update, for a run of {@code epochs * stepsPerEpoch} steps. */
    public Tracker learningRates(int stepsPerEpoch) {
        return switch (schedule) {
            case CONSTANT -> Tracker.fixed(learningRate);
            case COSINE ->
                CosineTracker.builder()
                        .setBaseValue(learningRate)
                        .optFinalValue(learningRate * COSINE_FINAL_SHARE)
                        .setMaxUpdates(Math.max(1, epochs * stepsPerEpoch))
                        .build();
        };
    }

    /** What early stopping watches on the validation split. */
    public enum StoppingMetric {
        /** Higher is better: ranking quality. */
        AUC,
        /** Lower is better: calibration, which on sparse ids often turns before AUC does. */
        LOG_LOSS
    }

    /** Early stopping on validation AUC, a constant learning rate and no embedding L2. */
    public TrainingConfig(int epochs, int batchSize, float learningRate, float weightDecay, int patience, long seed) {
        this(epochs, batchSize, learningRate, weightDecay, patience, seed, StoppingMetric.AUC, 0f, null);
    }

    public TrainingConfig {
        stopOn = stopOn == null ? StoppingMetric.AUC : stopOn;
        schedule = schedule == null ? LearningRateSchedule.CONSTANT : schedule;
        if (embeddingL2 < 0) {
            throw new IllegalArgumentException("the embedding L2 weight must not be negative");
        }
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

    /** The settings as a bundle records them, keyed by their {@code train} option names. */
    public Map<String, Object> asOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("epochs", epochs);
        options.put("batch-size", batchSize);
        options.put("lr", learningRate);
        options.put("lr-schedule", schedule.name().toLowerCase(Locale.ROOT));
        options.put("weight-decay", weightDecay);
        options.put("embedding-l2", embeddingL2);
        options.put("early-stopping", stopOn.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        options.put("patience", patience);
        options.put("seed", seed);
        return options;
    }
}
