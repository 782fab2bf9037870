package io.dispatch.lifecycle.params;

import java.util.Objects;
import java.util.Optional;

/** {@code deploy-image}: run a prebuilt image as a Nomad service. */
public record ImageDeployment(
    DeploymentIdentity identity,
    ImageReference image,
    ServiceSpec service,
    NomadTarget nomad,
    Optional<BackendTarget> backend,
    Optional<RegistryCredentials> registryCredentials,
    RuntimeConfig runtime)
    implements ServiceDeployment {

  public ImageDeployment {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(nomad, "nomad");
    backend = backend == null ? Optional.empty() : backend;
    registryCredentials = registryCredentials == null ? Optional.empty() : registryCredentials;
    runtime = runtime == null ? RuntimeConfig.none() : runtime;
  }

  @Override
  public String task() {
    return "deploy-image";
  }

  @Override
  public String deploymentType() {
    return "app";
  }

  @Override
  public String what() {
    return image.toString();
  }
}
