/**
 * The DIN network as DJL blocks, its inference graph and the model bundle.
 *
 * <p>Training runs the blocks: {@link io.dinserving.nn.PRelu}, {@link io.dinserving.nn.Dice},
 * {@link io.dinserving.nn.ActivationUnit}, {@link io.dinserving.nn.AttentionPooling} and
 * {@link io.dinserving.nn.Mlp}, wired by {@link io.dinserving.nn.DinBlock}. Serving and
 * evaluation run {@link io.dinserving.nn.CompiledDin}, the block compiled for inference once per
 * loaded model: the same function with fewer, cheaper ops, its pre-processing in {@code
 * CompiledInputs} and no vocabulary lookups. {@link io.dinserving.serving.BatchScorer} packs encoded
 * requests into bounded passes and reports each pass to a {@link io.dinserving.serving.PassListener}.
 */
package io.dinserving.model;
