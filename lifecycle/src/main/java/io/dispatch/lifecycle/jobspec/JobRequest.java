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
 * Everything the Nomad job of one run is made from: the release (the service, its image, ports and
 * runtime configuration, the run's ids) and the orchestrator's own settings.
 */
public record JobRequest(Release release, JobSettings settings) {

  public JobRequest {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(settings, "settings");
  }

  public DeploymentIdentity identity() {
    return release.identity();
  }

  public ServiceSpec service() {
    return release.service();
  }

  public RuntimeConfig runtime() {
    return release.runtime();
  }

  /** The image; Nomad pulls {@link ImageConfig#pullReference()}. */
  public ImageConfig image() {
    return release.image();
  }

  /** The ports with their domains, one service each. */
  public NetworkPlan networks() {
    return release.networks();
  }

  /** Credentials known for the image's registry, if any. */
  public Optional<RegistryCredentials> registryCredentials() {
    return release.registryCredentials();
  }

  /** Unique per run; in the job's meta, so every run makes a new job version. */
  public String runId() {
    return release.runId();
  }

  /** The run's trace id, in the job's meta; may be empty. */
  public String traceId() {
    return release.traceId();
  }

  public String jobId() {
    return identity().jobId();
  }

  /** The task group's name: the Consul service name when one is set, else the job ID. */
  public String groupName() {
    String name = service().consul().serviceName();
    return name.isEmpty() ? identity().jobId() : name;
  }
}
