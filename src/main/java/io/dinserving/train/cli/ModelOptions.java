package io.dinserving.train.cli;

import io.dinserving.nn.ModelConfig;
import io.dinserving.nn.ModelConfig.Activation;
import io.dinserving.nn.ModelConfig.Variant;
import io.dinserving.nn.ModelConfig.WeightNormalization;
import io.dinserving.train.TrainingConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** Architecture and optimisation options of {@code train}. */
final class ModelOptions {

    @Option(
            names = "--variant",
            defaultValue = "din",
            description = "din, base or item-only. Default: ${DEFAULT-VALUE}.")
    Variant variant;

    @Option(names = "--embedding-dim", defaultValue = "16", description = "Embedding width. Default: ${DEFAULT-VALUE}.")
    int embeddingDim;

    @Option(
            names = "--attention-hidden",
            defaultValue = "80,40",
            split = ",",
            description = "Attention MLP widths. Default: ${DEFAULT-VALUE}.")
    List<Integer> attentionHidden;

    @Option(
            names = "--top-hidden",
            defaultValue = "200,80",
            split = ",",
            description = "Top MLP widths. Default: ${DEFAULT-VALUE}.")
    List<Integer> topHidden;

    @Option(names = "--activation", defaultValue = "prelu", description = "prelu or dice. Default: ${DEFAULT-VALUE}.")
    Activation activation;

    @Option(
            names = "--weight-normalization",
            defaultValue = "softmax",
            description =
                    "Attention weights: none (the paper), softmax (official code) or sigmoid (tutorial). Default: ${DEFAULT-VALUE}.")
    WeightNormalization weightNormalization;

    @Option(names = "--batch-norm", description = "Batch norm in the top MLP.")
    boolean batchNorm;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout in the top MLP. Default: ${DEFAULT-VALUE}.")
    float dropout;

    @Option(names = "--epochs", defaultValue = "10", description = "Most epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "256", description = "Samples per step. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    float learningRate;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Adam weight decay. Default: ${DEFAULT-VALUE}.")
    float weightDecay;

    @Option(
            names = "--patience",
            defaultValue = "2",
            description = "Epochs without a better validation score before stopping. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(
            names = "--early-stopping",
            defaultValue = "auc",
            description = "The validation score that keeps an epoch and stops training: auc or log-loss. "
                    + "Default: ${DEFAULT-VALUE}.")
    TrainingConfig.StoppingMetric earlyStopping;

    @Option(
            names = "--embedding-l2",
            defaultValue = "0.05",
            description = "The DIN paper's mini-batch-aware L2 on the embeddings a batch uses, each scaled by 1 / its "
                    + "count in training; 0 is off. Default: ${DEFAULT-VALUE}.")
    float embeddingL2;

    @Option(
            names = "--lr-schedule",
            defaultValue = "constant",
            description = "constant, or cosine: from --lr down to 1 %% of it over the most epochs. "
                    + "Default: ${DEFAULT-VALUE}.")
    TrainingConfig.LearningRateSchedule lrSchedule;

    ModelConfig modelConfig() {
        return new ModelConfig(
                variant, embeddingDim, attentionHidden, topHidden, activation, weightNormalization, batchNorm, dropout);
    }

    TrainingConfig trainingConfig(long seed) {
        return new TrainingConfig(
                epochs, batchSize, learningRate, weightDecay, patience, seed, earlyStopping, embeddingL2, lrSchedule);
    }
}
