package io.dinserving.nn;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import io.dinserving.nn.ModelConfig.Activation;
import java.util.List;

/**
 * Builds the hidden layers of an MLP: Linear, optional batch norm, activation, optional dropout per
 * hidden width. The output layer is left to the caller.
 *
 * <p>Shapes: {@code [N, inputs]} in, {@code [N, last hidden width]} out.
 */
final class Mlp {

    /** Epsilon of the hidden layers' batch norm (DJL's default, stated so inference can fold it). */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    private Mlp() {}

    public static SequentialBlock hidden(
            List<Integer> widths, Activation activation, boolean batchNorm, float dropout) {
        SequentialBlock block = new SequentialBlock();
        for (int width : widths) {
            block.add(Linear.builder().setUnits(width).build());
            if (batchNorm) {
                block.add(BatchNorm.builder()
                        .optAxis(1)
                        .optEpsilon(BATCH_NORM_EPSILON)
                        .build());
            }
            block.add(activation(activation, width));
            if (dropout > 0) {
                block.add(Dropout.builder().optRate(dropout).build());
            }
        }
        return block;
    }

    /** A fresh activation block for {@code width} channels. */
    public static Block activation(Activation activation, int width) {
        return switch (activation) {
            case PRELU -> new PRelu(width);
            case DICE -> new Dice(width);
        };
    }
}
