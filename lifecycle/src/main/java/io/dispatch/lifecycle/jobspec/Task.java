package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.Resources;
import io.dispatch.lifecycle.params.ServiceSpec;
import java.util.List;

/**
 * The docker task: named after the deployment as the pack did, with its container config, the
 * resources (with {@code memory_max} and the GPU device), the Vault block and templates that bring
 * its secrets, and the volume mounts.
 */
final class Task {

  /** The pack's {@code memory_max}: twice the memory, at least 512 MB. */
  static final int MIN_MEMORY_MAX_MB = 512;

  private Task() {}

  static ObjectNode of(JobRequest request, List<String> portLabels) {
    ServiceSpec service = request.service();
    ObjectNode task =
        Json.object()
            .put("Name", taskName(request.identity().deploymentId()))
            .put("Driver", "docker");
    if (!service.dockerUser().isEmpty()) {
      task.put("User", service.dockerUser());
    }
    RegistryAccess registry = RegistryAccess.of(request);
    Templates templates = new Templates(request, registry);
    task.set("Config", DockerConfig.of(request, portLabels, registry));
    task.set("Resources", resources(request));
    VaultBlock.of(request, templates, registry).ifPresent(v -> task.set("Vault", v));
    ArrayNode list = templates.all();
    if (!list.isEmpty()) {
      task.set("Templates", list);
    }
    request
        .runtime()
        .volume()
        .ifPresent(
            v -> {
              ArrayNode mounts = Json.array();
              for (String path : v.mountPaths()) {
                mounts.add(
                    Json.object()
                        .put("Volume", v.id())
                        .put("Destination", path)
                        .put("ReadOnly", false));
              }
              task.set("VolumeMounts", mounts);
            });
    return task;
  }

  private static ObjectNode resources(JobRequest request) {
    Resources r = request.service().resources();
    ObjectNode resources =
        Json.object()
            .put("CPU", r.cpuMhz())
            .put("MemoryMB", r.memoryMb())
            .put("MemoryMaxMB", Math.max(2 * r.memoryMb(), MIN_MEMORY_MAX_MB));
    if (r.gpu() > 0) {
      resources.set(
          "Devices",
          Json.array()
              .add(
                  Json.object()
                      .put("Name", request.settings().platform().gpuDevice())
                      .put("Count", r.gpu())));
    }
    return resources;
  }

  /** The task is named after the deployment, as the earlier pack did; '/' is not allowed. */
  static String taskName(String deploymentId) {
    return deploymentId.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
