package io.dinserving.serving;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.dinserving.serving.ModelProperties.DeviceChoice;

/** Turns the device setting into a DJL device. */
public final class DeviceSelector {

    private DeviceSelector() {}

    /**
     * @param gpuCount GPUs the engine sees
     * @throws IllegalStateException for {@code gpu} when there is none
     */
    public static Device select(DeviceChoice choice, int gpuCount) {
        return switch (choice) {
            case CPU -> Device.cpu();
            case AUTO -> gpuCount > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpuCount == 0) {
                    throw new IllegalStateException("din.model.device=gpu but the engine sees no GPU; use auto or cpu");
                }
                yield Device.gpu();
            }
        };
    }

    /** A short label for logs, health and metrics: {@code cpu} or {@code gpu:N}. */
    public static String label(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType();
    }

    /** Selects with the GPUs the loaded engine sees. */
    public static Device select(DeviceChoice choice) {
        return select(choice, Engine.getInstance().getGpuCount());
    }
}
