package io.dinserving.nn;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.dinserving.feature.EncodedBatch;

/**
 * Pre- and post-processing around {@link DinBlock}: an already encoded compact batch in, one
 * click probability per candidate row out. No vocabulary lookups happen here; the arrays are created
 * by the context's per-call manager, which the predictor closes after each call.
 */
public final class DinTranslator implements NoBatchifyTranslator<EncodedBatch, float[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, EncodedBatch batch) {
        return DinInputs.toNDList(ctx.getNDManager(), batch);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return ai.djl.nn.Activation.sigmoid(list.singletonOrThrow()).toFloatArray();
    }
}
