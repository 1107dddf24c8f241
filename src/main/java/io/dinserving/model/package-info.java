/**
 * The DIN network as DJL blocks, its inference graph and the model bundle.
 *
 * <p>Training runs the blocks: {@link io.dinserving.model.PRelu}, {@link io.dinserving.model.Dice},
 * {@link io.dinserving.model.ActivationUnit}, {@link io.dinserving.model.AttentionPooling} and
 * {@link io.dinserving.model.Mlp}, wired by {@link io.dinserving.model.DinBlock}. Serving and
 * evaluation run {@link io.dinserving.model.CompiledDin}, the block compiled for inference once per
 * loaded model: the same function with fewer, cheaper ops, its pre-processing in {@code
 * CompiledInputs} and no vocabulary lookups. {@link io.dinserving.model.BatchScorer} packs encoded
 * requests into bounded passes and reports each pass to a {@link io.dinserving.model.PassListener}.
 */
package io.dinserving.model;
