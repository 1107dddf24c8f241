package io.dinserving.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.dinserving.serving.ModelProperties.DeviceChoice;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {

    @Test
    void autoTakesTheGpuOnlyWhenTheEngineHasOne() {
        assertThat(DeviceSelector.select(DeviceChoice.AUTO, 0)).isEqualTo(Device.cpu());
        assertThat(DeviceSelector.select(DeviceChoice.AUTO, 2)).isEqualTo(Device.gpu());
    }

    @Test
    void labelsAreShort() {
        assertThat(DeviceSelector.label(Device.cpu())).isEqualTo("cpu");
        assertThat(DeviceSelector.label(Device.gpu(1))).isEqualTo("gpu:1");
    }

    @Test
    void cpuIsAlwaysCpuAndGpuWithoutOneFailsClearly() {
        assertThat(DeviceSelector.select(DeviceChoice.CPU, 4)).isEqualTo(Device.cpu());
        assertThat(DeviceSelector.select(DeviceChoice.GPU, 1)).isEqualTo(Device.gpu());
        assertThatThrownBy(() -> DeviceSelector.select(DeviceChoice.GPU, 0))
                .hasMessageContaining("din.model.device=gpu")
                .hasMessageContaining("no GPU");
    }

    @Test
    void aCommandsOptionIsNamedWhereItAskedForTheGpu() {
        assertThatThrownBy(() -> DeviceSelector.select(DeviceChoice.GPU, 0, "--device"))
                .hasMessageStartingWith("--device=gpu but the engine sees no GPU");
    }
}
