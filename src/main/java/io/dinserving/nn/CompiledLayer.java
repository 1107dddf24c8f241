package io.dinserving.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.List;

/**
 * One layer of a {@link CompiledDin}, applied over the last axis of an input of any rank. The input
 * is always an array of the pass and the first operand of every op, so results stay in the pass.
 */
sealed interface CompiledLayer {

    NDArray apply(NDArray x);

    /**
     * Compiles the hidden layers that {@link Mlp#hidden} builds: batch norm folds into the linear
     * layer before it, dropout is the identity at inference.
     */
    static List<CompiledLayer> sequence(SequentialBlock block, CompiledWeights weights) {
        List<Block> children = block.getChildren().values();
        List<CompiledLayer> layers = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            if (child instanceof Linear linear) {
                BatchNorm norm = i + 1 < children.size() && children.get(i + 1) instanceof BatchNorm bn ? bn : null;
                layers.add(dense(linear, norm, weights));
                if (norm != null) {
                    i++;
                }
            } else if (child instanceof PRelu || child instanceof Dice) {
                layers.add(activation(child, weights));
            } else if (!(child instanceof Dropout)) {
                throw new IllegalArgumentException(
                        "cannot compile a " + child.getClass().getSimpleName() + " layer");
            }
        }
        return List.copyOf(layers);
    }

    /** A linear layer, with the inference-time batch norm after it folded in when given. */
    static Dense dense(Linear linear, BatchNorm norm, CompiledWeights weights) {
        float[] w = CompiledWeights.required(linear, "weight");
        float[] b = CompiledWeights.host(linear, "bias");
        int units = (int) linear.getParameters().get("weight").getShape().get(0);
        int inputs = w.length / units;
        if (b == null) {
            b = new float[units];
        }
        if (norm != null) {
            ChannelAffine affine = ChannelAffine.of(norm, Mlp.BATCH_NORM_EPSILON);
            for (int o = 0; o < units; o++) {
                for (int i = 0; i < inputs; i++) {
                    w[o * inputs + i] *= affine.scale[o];
                }
                b[o] = b[o] * affine.scale[o] + affine.shift[o];
            }
        }
        return new Dense(weights.matrix(w, units, inputs), weights.vector(b));
    }

    /** A PReLU or Dice block. */
    static CompiledLayer activation(Block block, CompiledWeights weights) {
        if (block instanceof PRelu) {
            float[] alpha = CompiledWeights.required(block, "alpha");
            boolean atMostOne = true;
            boolean atLeastOne = true;
            for (float a : alpha) {
                atMostOne &= a <= 1f;
                atLeastOne &= a >= 1f;
            }
            PReluForm form = atMostOne ? PReluForm.MAX : atLeastOne ? PReluForm.MIN : PReluForm.SPLIT;
            return new PReluLayer(weights.vector(alpha), form);
        }
        if (block instanceof Dice dice) {
            float[] alpha = CompiledWeights.required(dice, "alpha");
            float[] oneMinusAlpha = new float[alpha.length];
            for (int i = 0; i < alpha.length; i++) {
                oneMinusAlpha[i] = 1f - alpha[i];
            }
            ChannelAffine affine = ChannelAffine.of(dice.norm(), Dice.EPSILON);
            return new DiceLayer(
                    weights.vector(affine.scale),
                    weights.vector(affine.shift),
                    weights.vector(alpha),
                    weights.vector(oneMinusAlpha));
        }
        throw new IllegalArgumentException(
                "cannot compile a " + block.getClass().getSimpleName() + " activation");
    }

    /** {@code x W' + b}. */
    record Dense(NDArray weight, NDArray bias) implements CompiledLayer {
        @Override
        public NDArray apply(NDArray x) {
            return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
        }
    }

    /** How PReLU is computed; every form equals {@code max(x, 0) + alpha * min(x, 0)} bit for bit. */
    enum PReluForm {
        /** {@code max(x, alpha x)}: two ops, for slopes all at most 1. */
        MAX,
        /** {@code min(x, alpha x)}: two ops, for slopes all at least 1. */
        MIN,
        /** The definition itself, four ops, for slopes on both sides of 1. */
        SPLIT
    }

    record PReluLayer(NDArray alpha, PReluForm form) implements CompiledLayer {
        @Override
        public NDArray apply(NDArray x) {
            return switch (form) {
                case MAX -> x.maximum(x.mul(alpha));
                case MIN -> x.minimum(x.mul(alpha));
                case SPLIT -> x.maximum(0f).addi(x.minimum(0f).muli(alpha));
            };
        }
    }

    /** Dice at inference: {@code x (alpha + (1 - alpha) sigmoid(scale x + shift))}. */
    record DiceLayer(NDArray scale, NDArray shift, NDArray alpha, NDArray oneMinusAlpha) implements CompiledLayer {
        @Override
        public NDArray apply(NDArray x) {
            NDArray p = ai.djl.nn.Activation.sigmoid(x.mul(scale).addi(shift));
            return p.muli(oneMinusAlpha).addi(alpha).muli(x);
        }
    }

    /** A batch norm with running statistics, as {@code x * scale + shift} per channel. */
    final class ChannelAffine {
        final float[] scale;
        final float[] shift;

        private ChannelAffine(float[] scale, float[] shift) {
            this.scale = scale;
            this.shift = shift;
        }

        static ChannelAffine of(BatchNorm norm, float epsilon) {
            float[] mean = CompiledWeights.required(norm, "runningMean");
            float[] var = CompiledWeights.required(norm, "runningVar");
            float[] gamma = CompiledWeights.host(norm, "gamma");
            float[] beta = CompiledWeights.host(norm, "beta");
            float[] scale = new float[mean.length];
            float[] shift = new float[mean.length];
            for (int i = 0; i < mean.length; i++) {
                scale[i] = (float) (1.0 / Math.sqrt(var[i] + (double) epsilon)) * (gamma == null ? 1f : gamma[i]);
                shift[i] = (beta == null ? 0f : beta[i]) - mean[i] * scale[i];
            }
            return new ChannelAffine(scale, shift);
        }
    }
}
