package io.dinserving.train;

/**
 * What one epoch achieved.
 *
 * @param epoch 1-based
 * @param trainLoss mean training loss
 * @param validation validation metrics, or null without a validation split
 * @param samplesPerSecond training throughput of the epoch
 */
public record EpochStats(int epoch, double trainLoss, BinaryMetrics validation, double samplesPerSecond) {}
