package io.dinserving.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dinserving.nn.ModelConfig.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationUnitTest {

    /**
     * The factored first layer must equal the paper's linear map of [q, k, q - k, q * k], computed
     * here the slow way from the same parameters.
     */
    @Test
    void factoredFirstLayerEqualsTheConcatenatedForm() {
        int d = 6;
        try (NDManager manager = NDManager.newBaseManager()) {
            ActivationUnit unit = new ActivationUnit(d, List.of(5), Activation.PRELU);
            unit.initialize(
                    manager, DataType.FLOAT32, new Shape(1, d), new Shape(1, 1, d), new Shape(1, 1, d), new Shape(1));
            manager.getEngine().setRandomSeed(3);
            // two requests with three positions; three candidates, the last two from request 1
            NDArray requestKeys = manager.randomNormal(new Shape(2, 3, d));
            NDArray request = manager.create(new long[] {0, 1, 1});
            NDArray keys = NDArrays.stack(new NDList(requestKeys.get(0), requestKeys.get(1), requestKeys.get(1)));
            NDArray query = manager.randomNormal(new Shape(3, d));
            ParameterStore store = new ParameterStore(manager, false);

            float[] factored = unit.forward(store, new NDList(query, requestKeys, keys, request), false)
                    .singletonOrThrow()
                    .toFloatArray();

            var params = unit.getParameters();
            NDArray w = params.get("weight").getArray();
            NDArray b = params.get("bias").getArray();
            NDArray alpha = params.get("01activation_alpha").getArray();
            NDArray q = query.expandDims(1).broadcast(keys.getShape());
            NDArray x = NDArrays.concat(new NDList(q, keys, q.sub(keys), q.mul(keys)), 2)
                    .reshape(9, 4 * d);
            NDArray h = x.matMul(w.transpose()).add(b);
            h = h.maximum(0f).add(h.minimum(0f).mul(alpha));
            NDArray expected = h.matMul(params.get("02score_weight").getArray().transpose())
                    .add(params.get("02score_bias").getArray())
                    .reshape(3, 3);

            assertThat(factored).containsExactly(expected.toFloatArray(), within(1e-5f));
        }
    }
}
