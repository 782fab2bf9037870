package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.ServiceSpec;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.portdetector.NetworkPlan;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the Nomad job of one run is made from.
 *
 * @param identity the deployment; its {@code jobId} names the job
 * @param service replicas, resources, restart and update policies, command, user, naming
 * @param image the image; Nomad pulls {@link ImageConfig#pullReference()}
 * @param networks the ports with their domains, one service each
 * @param registryCredentials for Nomad to pull a private image; sent as docker {@code auth}
 * @param serviceProvider {@code nomad} or {@code consul}: who registers the services and runs
 *     checks
 * @param runId unique per run; in the job's meta, so every run makes a new job version
 * @param traceId the run's trace id, in the job's meta; may be empty
 */
public record JobRequest(
    DeploymentIdentity identity,
    ServiceSpec service,
    ImageConfig image,
    NetworkPlan networks,
    Optional<RegistryCredentials> registryCredentials,
    String serviceProvider,
    String runId,
    String traceId) {

  private static final Set<String> PROVIDERS = Set.of("nomad", "consul");

  public JobRequest {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(networks, "networks");
    registryCredentials = registryCredentials == null ? Optional.empty() : registryCredentials;
    if (serviceProvider == null || !PROVIDERS.contains(serviceProvider)) {
      throw new IllegalArgumentException("'serviceProvider' must be nomad or consul");
    }
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("'runId' is required");
    }
    traceId = traceId == null ? "" : traceId;
  }

  /** The request for running {@code release} with services of {@code serviceProvider}. */
  public static JobRequest of(Release release, String serviceProvider) {
    return new JobRequest(
        release.identity(),
        release.service(),
        release.image(),
        release.networks(),
        release.registryCredentials(),
        serviceProvider,
        release.runId(),
        release.traceId());
  }

  public String jobId() {
    return identity.jobId();
  }

  /** The task group's name: the Consul service name when one is set, else the job ID. */
  public String groupName() {
    String name = service.consul().serviceName();
    return name.isEmpty() ? identity.jobId() : name;
  }
}
