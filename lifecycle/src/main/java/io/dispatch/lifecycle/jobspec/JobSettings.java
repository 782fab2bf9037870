package io.dispatch.lifecycle.jobspec;

import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.params.PlatformNames;
import java.util.Objects;
import java.util.Set;

/**
 * What shapes every job of this orchestrator, from its environment rather than the parameters.
 *
 * @param serviceProvider {@code nomad} or {@code consul}: who registers the services, runs the
 *     checks and answers service look-ups in templates
 * @param platform the platform's Vault, GPU and node-pool names
 * @param platformRegistry the platform's registry host ({@code REGISTRY_URL}), whose credentials
 *     Nomad reads from Vault; empty when there is none
 * @param namespace the Nomad namespace
 * @param region the Nomad region, or empty for the agent's own
 */
public record JobSettings(
    String serviceProvider,
    PlatformNames platform,
    String platformRegistry,
    String namespace,
    String region) {

  private static final Set<String> PROVIDERS = Set.of("nomad", "consul");

  public JobSettings {
    if (!PROVIDERS.contains(serviceProvider)) {
      throw new IllegalArgumentException("'serviceProvider' must be nomad or consul");
    }
    Objects.requireNonNull(platform, "platform");
    platformRegistry = platformRegistry == null ? "" : platformRegistry;
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    region = region == null ? "" : region;
  }

  /** The settings for jobs registered on {@code target}. */
  public static JobSettings of(
      String serviceProvider, PlatformNames platform, String platformRegistry, NomadTarget target) {
    return new JobSettings(
        serviceProvider, platform, platformRegistry, target.namespace(), target.region());
  }

  /** Nomad's own service discovery (the template function is {@code nomadService}). */
  boolean nomadServices() {
    return serviceProvider.equals("nomad");
  }
}
