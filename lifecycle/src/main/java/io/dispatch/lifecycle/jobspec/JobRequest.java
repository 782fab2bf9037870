package io.dispatch.lifecycle.jobspec;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.ServiceSpec;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.portdetector.NetworkPlan;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the Nomad job of one run is made from.
 *
 * @param identity the deployment; its {@code jobId} names the job
 * @param service replicas, resources, restart and update policies, command, user, naming
 * @param runtime secrets, files, certificates, volume and job kind
 * @param image the image; Nomad pulls {@link ImageConfig#pullReference()}
 * @param networks the ports with their domains, one service each
 * @param registryCredentials credentials known for the image's registry, if any
 * @param settings the orchestrator's own settings
 * @param runId unique per run; in the job's meta, so every run makes a new job version
 * @param traceId the run's trace id, in the job's meta; may be empty
 */
public record JobRequest(
    DeploymentIdentity identity,
    ServiceSpec service,
    RuntimeConfig runtime,
    ImageConfig image,
    NetworkPlan networks,
    Optional<RegistryCredentials> registryCredentials,
    JobSettings settings,
    String runId,
    String traceId) {

  public JobRequest {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(service, "service");
    runtime = runtime == null ? RuntimeConfig.none() : runtime;
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(networks, "networks");
    registryCredentials = registryCredentials == null ? Optional.empty() : registryCredentials;
    Objects.requireNonNull(settings, "settings");
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("'runId' is required");
    }
    traceId = traceId == null ? "" : traceId;
  }

  /** The request for running {@code release} with {@code settings}. */
  public static JobRequest of(Release release, JobSettings settings) {
    return new JobRequest(
        release.identity(),
        release.service(),
        release.runtime(),
        release.image(),
        release.networks(),
        release.registryCredentials(),
        settings,
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
