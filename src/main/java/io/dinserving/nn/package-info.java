/**
 * The DIN network: its trainable DJL blocks and its compiled inference graph.
 *
 * <p>Training runs the blocks: {@link io.dinserving.nn.PRelu}, {@link io.dinserving.nn.Dice}, the
 * {@link io.dinserving.nn.ActivationUnit}, {@link io.dinserving.nn.AttentionPooling} and {@link
 * io.dinserving.nn.Mlp}, wired by {@link io.dinserving.nn.DinBlock}. Serving and evaluation run
 * {@link io.dinserving.nn.CompiledDin}, the block compiled once per loaded model: the same function
 * with fewer, cheaper ops, which reads the blocks' package-private weights. Both are a {@link
 * io.dinserving.nn.ForwardPass} over an {@link io.dinserving.feature.EncodedBatch}.
 *
 * <p>Uses {@code feature} only. Knows nothing of files, HTTP or versions.
 */
package io.dinserving.nn;
