/**
 * The DIN network as DJL blocks, its translator and the model bundle.
 *
 * <p>Layers live apart from the model: {@link io.dinserving.model.PRelu}, {@link
 * io.dinserving.model.Dice}, {@link io.dinserving.model.ActivationUnit}, {@link
 * io.dinserving.model.AttentionPooling} and {@link io.dinserving.model.Mlp}; {@link
 * io.dinserving.model.DinBlock} only wires them. The translator turns an already encoded batch into
 * NDArrays on the model's device and logits into scores; it never looks up a vocabulary.
 */
package io.dinserving.model;
