package io.dispatch.lifecycle.params;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How this run reaches its surroundings, from the environment rather than the parameters.
 *
 * @param timeout the deadline for the whole task ({@code DISPATCH_TIMEOUT})
 * @param dockerHost the Docker-compatible API ({@code DOCKER_HOST})
 * @param serviceProvider {@code nomad} or {@code consul} ({@code SERVICE_PROVIDER})
 * @param insecureRegistries registries reached over plain HTTP ({@code INSECURE_REGISTRIES}, plus
 *     loopback ones)
 * @param workRoot where work directories are made
 * @param defaultRegistry the registry to push to when neither the image name nor the build says
 *     ({@code REGISTRY_URL}), or empty
 * @param nomadRetryWindow how long transient Nomad failures (no connection, 5xx) are retried for
 *     one call ({@code NOMAD_RETRY_WINDOW}, default 30s)
 * @param platform the platform's Vault, GPU and node-pool names for the jobs
 * @param toolEnvironment what builder programs (railpack, nixpacks) inherit, {@code PATH} included
 *     ({@code io.dispatch.lifecycle.cli.ToolEnvironment})
 */
public record RuntimeSettings(
    Duration timeout,
    String dockerHost,
    String serviceProvider,
    Set<String> insecureRegistries,
    Path workRoot,
    String defaultRegistry,
    Duration nomadRetryWindow,
    PlatformNames platform,
    Map<String, String> toolEnvironment) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
  public static final Duration DEFAULT_NOMAD_RETRY_WINDOW = Duration.ofSeconds(30);
  public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

  public RuntimeSettings {
    Objects.requireNonNull(timeout, "timeout");
    dockerHost = dockerHost == null || dockerHost.isBlank() ? DEFAULT_DOCKER_HOST : dockerHost;
    serviceProvider =
        serviceProvider == null || serviceProvider.isBlank() ? "nomad" : serviceProvider;
    insecureRegistries = insecureRegistries == null ? Set.of() : Set.copyOf(insecureRegistries);
    Objects.requireNonNull(workRoot, "workRoot");
    defaultRegistry = ImageReference.registryHost(defaultRegistry);
    nomadRetryWindow = nomadRetryWindow == null ? DEFAULT_NOMAD_RETRY_WINDOW : nomadRetryWindow;
    platform = platform == null ? PlatformNames.defaults() : platform;
    toolEnvironment = toolEnvironment == null ? Map.of() : Map.copyOf(toolEnvironment);
  }

  /** Settings whose builder programs inherit nothing (and so find none). */
  public RuntimeSettings(
      Duration timeout,
      String dockerHost,
      String serviceProvider,
      Set<String> insecureRegistries,
      Path workRoot,
      String defaultRegistry,
      Duration nomadRetryWindow) {
    this(
        timeout,
        dockerHost,
        serviceProvider,
        insecureRegistries,
        workRoot,
        defaultRegistry,
        nomadRetryWindow,
        null,
        null);
  }

  /** Settings with the default Nomad retry window. */
  public RuntimeSettings(
      Duration timeout,
      String dockerHost,
      String serviceProvider,
      Set<String> insecureRegistries,
      Path workRoot,
      String defaultRegistry) {
    this(timeout, dockerHost, serviceProvider, insecureRegistries, workRoot, defaultRegistry, null);
  }

  /** Whether {@code registry} is spoken to over plain HTTP: loopback, or listed as insecure. */
  public boolean isInsecure(String registry) {
    String host = registry.replaceFirst(":\\d+$", "");
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("[::1]")
        || insecureRegistries.contains(registry);
  }
}
