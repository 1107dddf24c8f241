package io.dinserving.nn;

import java.util.List;
import java.util.Objects;

/**
 * Architecture of a DIN model.
 *
 * @param variant which model of the paper to build
 * @param embeddingDim width of every embedding table
 * @param attentionHidden hidden widths of the attention MLP (the paper: 80-40)
 * @param topHidden hidden widths of the top MLP (the paper: 200-80)
 * @param activation activation of both MLPs
 * @param weightNormalization how attention weights are normalised
 * @param batchNorm whether the top MLP normalises each hidden layer
 * @param dropout dropout rate after each hidden layer of the top MLP, 0 for none
 */
public record ModelConfig(
        Variant variant,
        int embeddingDim,
        List<Integer> attentionHidden,
        List<Integer> topHidden,
        Activation activation,
        WeightNormalization weightNormalization,
        boolean batchNorm,
        float dropout) {

    public ModelConfig {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(weightNormalization, "weightNormalization");
        attentionHidden = List.copyOf(attentionHidden);
        topHidden = List.copyOf(topHidden);
        if (embeddingDim < 1) {
            throw new IllegalArgumentException("embeddingDim must be positive, was " + embeddingDim);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        if (attentionHidden.stream().anyMatch(h -> h < 1) || topHidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden widths must be positive");
        }
    }

    /** The paper's defaults for the given variant. */
    public static ModelConfig defaults(Variant variant) {
        return new ModelConfig(
                variant, 16, List.of(80, 40), List.of(200, 80), Activation.PRELU, WeightNormalization.NONE, false, 0f);
    }

    /** The three models compared in the paper, built on one code path. */
    public enum Variant {
        /** Attention pooling of the history, weighed against the candidate. */
        DIN,
        /** Sum pooling of the history: the paper's BaseModel. */
        BASE,
        /** No history at all. */
        ITEM_ONLY;

        public String label() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** Activation of the MLPs. */
    public enum Activation {
        PRELU,
        /** Data-adaptive PReLU of the paper; uses running statistics at inference. */
        DICE
    }

    /** Normalisation of attention weights over the valid history positions. */
    public enum WeightNormalization {
        /** Raw weights, as in the paper. */
        NONE,
        /** Softmax over the valid positions, as in the official code. */
        SOFTMAX,
        /** A sigmoid per position, as in the tutorial. */
        SIGMOID
    }
}
