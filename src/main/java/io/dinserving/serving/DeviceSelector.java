package io.dinserving.serving;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.dinserving.serving.ModelProperties.DeviceChoice;

/** Turns the device setting into a DJL device. */
public final class DeviceSelector {

    static final String SERVICE_SETTING = "din.model.device";

    private DeviceSelector() {}

    /**
     * @param gpuCount GPUs the engine sees
     * @throws IllegalStateException for {@code gpu} when there is none
     */
    public static Device select(DeviceChoice choice, int gpuCount) {
        return select(choice, gpuCount, SERVICE_SETTING);
    }

    /**
     * As {@link #select(DeviceChoice, int)}, naming {@code setting} (a property or a command's
     * option) when a GPU is asked for and there is none.
     */
    public static Device select(DeviceChoice choice, int gpuCount, String setting) {
        return switch (choice) {
            case CPU -> Device.cpu();
            case AUTO -> gpuCount > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpuCount == 0) {
                    throw new IllegalStateException(setting + "=gpu but the engine sees no GPU; use auto or cpu");
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
        return select(choice, SERVICE_SETTING);
    }

    /** Selects with the GPUs the loaded engine sees, naming {@code setting} when it sees none. */
    public static Device select(DeviceChoice choice, String setting) {
        return select(choice, Engine.getInstance().getGpuCount(), setting);
    }
}
