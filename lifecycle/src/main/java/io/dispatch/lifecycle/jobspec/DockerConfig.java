package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.RuntimeConfig.ConfigFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The docker driver's {@code config}: the image (pinned to its digest when known), the pull
 * timeout, the ports, what the container runs, registry {@code auth}, the config files' mounts and
 * the pack's container labels. Keys are the driver's own (snake_case).
 */
final class DockerConfig {

  /** The pack's {@code image_pull_timeout}. */
  static final String IMAGE_PULL_TIMEOUT = "30m";

  private DockerConfig() {}

  static ObjectNode of(JobRequest request, List<String> portLabels, RegistryAccess registry) {
    ObjectNode config =
        Json.object()
            .put("image", request.image().pullReference())
            .put("image_pull_timeout", IMAGE_PULL_TIMEOUT);
    if (!portLabels.isEmpty()) {
      config.set("ports", Json.strings(portLabels));
    }
    LaunchCommand.apply(request, config);
    registry.auth(request.image().reference()).ifPresent(a -> config.set("auth", a));
    List<ConfigFile> files = request.runtime().configFiles();
    if (!files.isEmpty()) {
      config.set(
          "volumes",
          Json.strings(
              files.stream().map(f -> Templates.LOCAL + f.path() + ":/" + f.path()).toList()));
    }
    config.set("labels", Json.array().add(Json.strings(labels(request))));
    return config;
  }

  /**
   * The pack's labels, so that a container on a node can be traced back to its deployment. Nomad
   * interpolates {@code ${…}} in the driver's config, so values from the parameters keep only
   * characters that cannot form an interpolation (a label must not become a task variable's value).
   */
  static Map<String, String> labels(JobRequest request) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("job", request.jobId());
    labels.put("group", inert(request.groupName()));
    labels.put("task", inert(request.groupName()));
    labels.put("alloc_id", "${NOMAD_ALLOC_ID}");
    labels.put("user_id", inert(request.identity().ownerId()));
    labels.put("project_id", inert(request.identity().projectId()));
    labels.put("service_id", inert(request.identity().serviceId()));
    return labels;
  }

  static String inert(String value) {
    return value.replaceAll("[^A-Za-z0-9_.@:+/ -]", "_");
  }
}
