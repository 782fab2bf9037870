package io.dispatch.lifecycle.params;

import java.util.Optional;

/** A task that deploys a service: {@code deploy-image}, or a repository deployment. */
public sealed interface ServiceDeployment extends TaskRequest
    permits ImageDeployment, RepositoryDeployment {

  DeploymentIdentity identity();

  ServiceSpec service();

  NomadTarget nomad();

  Optional<BackendTarget> backend();

  Optional<RegistryCredentials> registryCredentials();

  RuntimeConfig runtime();

  /** The backend's deployment_type: {@code app} for images, {@code git} for repositories. */
  String deploymentType();

  /** What is deployed, in a few words, e.g. the image or the repository and branch. */
  String what();
}
