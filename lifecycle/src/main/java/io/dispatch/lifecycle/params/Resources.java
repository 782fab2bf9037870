package io.dispatch.lifecycle.params;

/**
 * CPU and memory for each instance.
 *
 * @param cpuMhz CPU in MHz (default 200)
 * @param memoryMb memory in MB (default 256)
 * @param gpu requested GPUs; accepted, not applied by this version
 * @param gpuModel requested GPU model; accepted, not applied by this version
 */
public record Resources(int cpuMhz, int memoryMb, int gpu, String gpuModel) {

  public static final int DEFAULT_CPU_MHZ = 200;
  public static final int DEFAULT_MEMORY_MB = 256;

  public Resources {
    cpuMhz = cpuMhz == 0 ? DEFAULT_CPU_MHZ : Checks.range(cpuMhz, 1, 1_000_000, "cpu");
    memoryMb = memoryMb == 0 ? DEFAULT_MEMORY_MB : Checks.range(memoryMb, 1, 10_000_000, "ram");
    gpu = Checks.range(gpu, 0, 64, "gpu");
    gpuModel = Checks.orEmpty(gpuModel);
  }

  public static Resources defaults() {
    return new Resources(0, 0, 0, "");
  }
}
