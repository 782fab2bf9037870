package io.dispatch.lifecycle.nomad;

import com.hashicorp.nomad.apimodel.Resources;
import com.hashicorp.nomad.apimodel.Task;
import io.dispatch.lifecycle.image.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The docker task: image, ports, command, user, registry auth and resources. */
final class DockerTask {

  static final List<String> SHELL = List.of("/bin/sh", "-c");

  private DockerTask() {}

  static Task task(JobRequest request, List<String> portLabels) {
    ServiceSpec service = request.service();
    Task task =
        new Task()
            .setName(taskName(request.identity().deploymentId()))
            .setDriver("docker")
            .setConfig(config(request, portLabels))
            .setResources(
                new Resources()
                    .setCpu(service.resources().cpuMhz())
                    .setMemoryMb(service.resources().memoryMb()));
    if (!service.dockerUser().isEmpty()) {
      task.setUser(service.dockerUser());
    }
    return task;
  }

  private static Map<String, Object> config(JobRequest request, List<String> portLabels) {
    ServiceSpec service = request.service();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("image", request.image().pullReference());
    if (!portLabels.isEmpty()) {
      config.put("ports", portLabels);
    }
    if (!service.startCommand().isEmpty()) {
      config.put("entrypoint", SHELL);
      config.put("args", List.of(service.startCommand()));
    } else {
      if (!service.command().isEmpty()) {
        config.put("command", service.command());
      }
      if (!service.entrypoint().isEmpty()) {
        config.put("entrypoint", service.entrypoint());
      }
    }
    auth(request.registryCredentials(), request.image().reference())
        .ifPresent(auth -> config.put("auth", auth));
    return config;
  }

  /**
   * The docker {@code auth} block, when the credentials apply to the image's registry by the one
   * registry-matching rule ({@link ImageReference#credentialsFrom}) that reading and pushing use
   * too. Credentials for another registry are left out: Docker would send them to the image's
   * registry.
   */
  static Optional<Map<String, Object>> auth(
      Optional<RegistryCredentials> credentials, ImageReference image) {
    return image
        .credentialsFrom(credentials)
        .map(
            c -> {
              Map<String, Object> auth = new LinkedHashMap<>();
              auth.put("username", c.username());
              auth.put("password", c.password());
              auth.put("server_address", image.registry());
              return auth;
            });
  }

  /** The task is named after the deployment, as the earlier pack did; '/' is not allowed. */
  static String taskName(String deploymentId) {
    return deploymentId.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
