package io.dispatch.lifecycle.params;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code deploy-repository} and {@code redeploy-repository}: clone (or download), build, push, then
 * run the image as a Nomad service.
 *
 * @param task which of the two task names started it (they run the same lifecycle)
 * @param target where the built image is pushed, or the image deployed as it is with {@code
 *     build.builder: noop} ({@link PushTarget})
 */
public record RepositoryDeployment(
    String task,
    DeploymentIdentity identity,
    Source source,
    BuildSpec build,
    ImageReference target,
    ServiceSpec service,
    NomadTarget nomad,
    Optional<BackendTarget> backend,
    Optional<RegistryCredentials> registryCredentials,
    RuntimeConfig runtime)
    implements ServiceDeployment {

  public RepositoryDeployment {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(source, "source");
    build = build == null ? BuildSpec.defaults() : build;
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(nomad, "nomad");
    backend = backend == null ? Optional.empty() : backend;
    registryCredentials = registryCredentials == null ? Optional.empty() : registryCredentials;
    runtime = runtime == null ? RuntimeConfig.none() : runtime;
  }

  @Override
  public String deploymentType() {
    return "git";
  }

  @Override
  public String what() {
    return source instanceof GitSource g
        ? g.display() + " branch " + g.branch()
        : "upload " + ((UploadSource) source).display();
  }
}
