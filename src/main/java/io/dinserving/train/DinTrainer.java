package io.dinserving.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.nn.DinBlock;
import io.dinserving.nn.DinInputs;
import io.dinserving.nn.ModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Fits a DIN model with binary cross-entropy on logits and Adam, keeping the checkpoint with the
 * best validation AUC and stopping early when it stops improving. The test split never reaches
 * this class. Training runs on the CPU, where one seed gives the same metrics run after run.
 */
public final class DinTrainer {

    /** Name of the model and prefix of its parameter file. */
    public static final String MODEL_NAME = "din";

    private static final int EVAL_BATCH = 2048;

    private final TrainingConfig config;
    private final Progress progress;

    public DinTrainer(TrainingConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /** The optimisation settings this trainer runs with. */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains a model; the returned model holds the best checkpoint's parameters.
     *
     * @param validation may be empty, in which case the last epoch is kept
     */
    public Outcome train(
            FittedFeatures features,
            ModelConfig modelConfig,
            List<EncodedSample> train,
            List<EncodedSample> validation) {
        FeatureSpec spec = features.spec();
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training samples");
        }
        Engine.getInstance().setRandomSeed((int) config.seed());
        Model model = Model.newInstance(MODEL_NAME, Device.cpu());
        Path checkpoint = tempDirectory();
        try {
            DinBlock block = new DinBlock(features, modelConfig);
            model.setBlock(block);
            EmbeddingPenalty penalty = config.embeddingL2() > 0
                    ? new EmbeddingPenalty(block, features, train, config.embeddingL2())
                    : null;
            int pairs = spec.attention().size();
            List<EpochStats> epochs = new ArrayList<>();
            double bestScore = Double.NEGATIVE_INFINITY;
            int bestEpoch = 0;
            int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
            try (Trainer trainer = model.newTrainer(trainingConfig(stepsPerEpoch))) {
                trainer.initialize(DinBlock.inputShapes(spec));
                Random shuffle = new Random(config.seed());
                List<Integer> order = new ArrayList<>(train.size());
                for (int i = 0; i < train.size(); i++) {
                    order.add(i);
                }
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    Collections.shuffle(order, shuffle);
                    long started = System.nanoTime();
                    double lossSum = runEpoch(trainer, train, order, pairs, epoch, penalty);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    BinaryMetrics val =
                            validation.isEmpty() ? null : Scoring.evaluate(model, validation, pairs, EVAL_BATCH);
                    EpochStats stats = new EpochStats(epoch, lossSum / train.size(), val, train.size() / seconds);
                    epochs.add(stats);
                    // Without validation every epoch counts as better, so the last one is kept.
                    double score = val == null
                            ? epoch
                            : config.stopOn() == TrainingConfig.StoppingMetric.AUC ? val.auc() : -val.logLoss();
                    boolean best = score > bestScore;
                    progress.epoch(stats, best);
                    if (best) {
                        bestScore = score;
                        bestEpoch = epoch;
                        model.save(checkpoint, MODEL_NAME);
                    } else if (epoch - bestEpoch >= config.patience()) {
                        break;
                    }
                }
            }
            model.load(checkpoint, MODEL_NAME);
            return new Outcome(model, epochs, bestEpoch);
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new IllegalStateException("checkpointing failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        } finally {
            deleteQuietly(checkpoint);
        }
    }

    private double runEpoch(
            Trainer trainer,
            List<EncodedSample> train,
            List<Integer> order,
            int pairs,
            int epoch,
            EmbeddingPenalty penalty) {
        Loss loss = trainer.getLoss();
        double lossSum = 0;
        long started = System.nanoTime();
        List<EncodedSample> batch = new ArrayList<>(config.batchSize());
        for (int from = 0; from < order.size(); from += config.batchSize()) {
            int to = Math.min(order.size(), from + config.batchSize());
            batch.clear();
            for (int i = from; i < to; i++) {
                batch.add(train.get(order.get(i)));
            }
            EncodedBatch encoded = Scoring.batch(batch, pairs);
            float[] labels = new float[batch.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = batch.get(i).label();
            }
            // Every array of this step lives in a sub-manager closed right after it.
            try (NDManager step = trainer.getManager().newSubManager();
                    GradientCollector collector = trainer.newGradientCollector()) {
                NDList inputs = DinInputs.toNDList(step, encoded);
                NDArray target = step.create(labels);
                NDList logits = trainer.forward(inputs);
                NDArray value = loss.evaluate(new NDList(target), logits);
                // The reported loss is the data loss; the penalty only shapes the gradient.
                collector.backward(penalty == null ? value : value.add(penalty.of(step, encoded)));
                lossSum += value.getFloat() * labels.length;
            }
            trainer.step();
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.step(epoch, config.epochs(), to, order.size(), to / Math.max(seconds, 1e-9), lossSum / to);
        }
        return lossSum;
    }

    private DefaultTrainingConfig trainingConfig(int stepsPerEpoch) {
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(config.learningRates(stepsPerEpoch))
                .optWeightDecays(config.weightDecay())
                .build();
        // Loss on logits: the fromSigmoid=true variant has a sign bug in DJL 0.36.
        return new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                .optOptimizer(adam)
                .optDevices(new Device[] {Device.cpu()});
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("din-checkpoint");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }

    /**
     * The trained model and its history.
     *
     * @param model holds the best checkpoint; the caller closes it
     * @param epochs one entry per epoch run
     * @param bestEpoch the epoch whose parameters the model holds
     */
    public record Outcome(Model model, List<EpochStats> epochs, int bestEpoch) {}
}
