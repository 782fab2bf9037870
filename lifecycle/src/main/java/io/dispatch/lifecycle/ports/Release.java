package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.ServiceSpec;
import io.dispatch.portdetector.NetworkPlan;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to run one version of a service.
 *
 * @param identity the deployment
 * @param service how it runs
 * @param runtime what it gets at run time: secrets, files, certificates, volume, job kind
 * @param image the image and what it says about itself
 * @param networks the ports, with their domains
 * @param registryCredentials for Nomad to pull a private image, if any
 * @param runId unique per run, so that every dispatch makes a new job version
 * @param traceId the run's trace id
 */
public record Release(
    DeploymentIdentity identity,
    ServiceSpec service,
    RuntimeConfig runtime,
    ImageConfig image,
    NetworkPlan networks,
    Optional<RegistryCredentials> registryCredentials,
    String runId,
    String traceId) {

  public Release {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(service, "service");
    runtime = runtime == null ? RuntimeConfig.none() : runtime;
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(networks, "networks");
    registryCredentials = registryCredentials == null ? Optional.empty() : registryCredentials;
    Objects.requireNonNull(runId, "runId");
    traceId = traceId == null ? "" : traceId;
  }
}
