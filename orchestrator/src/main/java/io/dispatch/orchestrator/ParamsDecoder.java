package io.dispatch.orchestrator;

import io.dispatch.lifecycle.image.ImageReference;
import io.dispatch.lifecycle.params.BackendTarget;
import io.dispatch.lifecycle.params.BuildSpec;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.DestroyRequest;
import io.dispatch.lifecycle.params.DestroyRequest.JobToDestroy;
import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.InvalidParameterException;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.params.Source;
import io.dispatch.lifecycle.params.TaskRequest;
import io.dispatch.lifecycle.params.UploadSource;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes a task's parameters into its request record. Required fields are checked in the order of
 * the earlier implementation (for example {@code jobId}, {@code imageName}, {@code deploymentId},
 * {@code serviceId} for an image); Nomad, backend and registry settings missing from the parameters
 * come from the environment. Every secret met on the way is collected so that no log line can print
 * it.
 */
final class ParamsDecoder {

  static final List<String> TASKS =
      List.of("deploy-repository", "redeploy-repository", "deploy-image", "destroy-job-pack");

  private final Map<String, String> env;
  private final Set<String> secrets = new LinkedHashSet<>();

  ParamsDecoder(Map<String, String> env) {
    this.env = env;
  }

  /** The request, or an {@link InvalidParameterException} naming the field. */
  TaskRequest decode(String task, JsonFields p) {
    return switch (task) {
      case "deploy-image" -> image(p);
      case "deploy-repository", "redeploy-repository" -> repository(task, p);
      case "destroy-job-pack" -> destroy(p);
      default -> throw new IllegalArgumentException("unknown task " + task);
    };
  }

  /** The secret values met while decoding: tokens, passwords. */
  Set<String> secrets() {
    return secrets;
  }

  private ImageDeployment image(JsonFields p) {
    String jobId = p.requiredString("jobId");
    String imageName = p.requiredString("imageName");
    ImageReference image = imageReference(imageName, p.string("imageTag"));
    DeploymentIdentity identity = identity(p, jobId);
    ServiceFields service = new ServiceFields(p);
    return new ImageDeployment(
        identity,
        image,
        service.spec(
            p.object("build").map(b -> b.string("startCommand")).orElse(""), env("CLUSTER_DOMAIN")),
        nomad(p.string("nomadAddress"), p.string("nomadToken")),
        backend(p),
        envRegistryCredentials(),
        RuntimeFields.read(p, secrets));
  }

  private RepositoryDeployment repository(String task, JsonFields p) {
    String jobId = p.requiredString("jobId");
    Source source = source(p);
    DeploymentIdentity identity = identity(p, jobId);
    JsonFields build = p.object("build").orElse(null);
    BuildSpec buildSpec = build == null ? BuildSpec.defaults() : buildSpec(build);
    String startCommand = build == null ? "" : build.string("startCommand");
    String imageName = p.string("imageName");
    if (!imageName.isBlank()) {
      imageReference(imageName, p.string("imageTag"));
    }
    requirePushRegistry(imageName.isBlank() ? jobId : imageName, buildSpec);
    Optional<RegistryCredentials> credentials =
        buildSpec.registryCredentials().isPresent()
            ? buildSpec.registryCredentials()
            : envRegistryCredentials();
    return new RepositoryDeployment(
        task,
        identity,
        source,
        buildSpec,
        imageName,
        p.string("imageTag"),
        new ServiceFields(p).spec(startCommand, env("CLUSTER_DOMAIN")),
        nomad(p.string("nomadAddress"), p.string("nomadToken")),
        backend(p),
        credentials,
        RuntimeFields.read(p, secrets));
  }

  /**
   * A build that is pushed needs a registry: in the image name, in {@code build.registryUrl}, or in
   * {@code REGISTRY_URL}. Without one the push could only go to Docker Hub by accident.
   */
  private void requirePushRegistry(String imageName, BuildSpec build) {
    if (!build.disablePush()
        && !ImageReference.namesRegistry(imageName)
        && build.registryUrl().isEmpty()
        && env("REGISTRY_URL").isEmpty()) {
      throw new InvalidParameterException(
          "imageName",
          "needs a registry host to push to (or set build.registryUrl or REGISTRY_URL)");
    }
  }

  private Source source(JsonFields p) {
    if ("local_upload".equals(p.string("sourceType").strip())) {
      String url = p.requiredString("sourceUrl");
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("sourceUrl", "is not a URL");
      }
      if (uri.getRawQuery() != null) {
        secrets.add(uri.getRawQuery());
      }
      return new UploadSource(uri, p.string("uploadId"));
    }
    String repository = p.requiredString("repository");
    String branch = p.requiredString("branch");
    String token = p.string("gitPass");
    secret(token);
    secretsInUrl(repository);
    return new GitSource(repository, branch, p.string("provider"), token);
  }

  private BuildSpec buildSpec(JsonFields b) {
    String password = b.string("registryPassword");
    secret(password);
    return new BuildSpec(
        b.string("builder"),
        b.string("dockerfilePath"),
        b.string("rootDirectory"),
        b.string("buildCommand"),
        b.scalarMap("buildArgs"),
        b.scalarMap("staticBuildEnv"),
        b.bool("disablePush", false),
        b.string("registryUrl"),
        b.string("registryNamespace"),
        RegistryCredentials.of(b.string("registryUrl"), b.string("registryUsername"), password));
  }

  private DestroyRequest destroy(JsonFields p) {
    List<JsonFields> entries = p.objects("jobs");
    if (entries.isEmpty()) {
      throw new InvalidParameterException("jobs", "must list at least one job");
    }
    List<JobToDestroy> jobs =
        entries.stream()
            .map(
                j -> {
                  String jobId = j.requiredString("jobId");
                  return new JobToDestroy(
                      jobId,
                      j.string("serviceId"),
                      nomad(j.string("nomadAddress"), j.string("nomadToken")));
                })
            .toList();
    return new DestroyRequest(jobs, p.requiredString("reason"));
  }

  private DeploymentIdentity identity(JsonFields p, String jobId) {
    String deploymentId = p.requiredString("deploymentId");
    String serviceId = p.requiredString("serviceId");
    return new DeploymentIdentity(
        jobId,
        deploymentId,
        serviceId,
        p.flexLong("deploymentJobId"),
        p.flexLong("userId"),
        p.flexString("ownerId"),
        p.string("teamId"),
        p.string("projectId"));
  }

  private ImageReference imageReference(String name, String tag) {
    try {
      return ImageReference.parse(name, tag);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("imageName", e.getMessage());
    }
  }

  private NomadTarget nomad(String address, String token) {
    String addr = address.isBlank() ? env("NOMAD_ADDR") : address;
    String tok = token.isBlank() ? env("NOMAD_TOKEN") : token;
    secret(tok);
    try {
      return new NomadTarget(
          addr, tok, env("NOMAD_REGION"), env("NOMAD_NAMESPACE"), env("NOMAD_CACERT"));
    } catch (InvalidParameterException e) {
      if (address.isBlank() && !addr.isBlank()) {
        throw new BadInputException(
            "NOMAD_ADDR", e.getMessage().replaceFirst("^'nomadAddress' ", ""));
      }
      throw e;
    }
  }

  private Optional<BackendTarget> backend(JsonFields p) {
    String url = p.string("backendUrl");
    String token = p.string("accessToken");
    boolean fromEnv = url.isBlank();
    if (fromEnv) {
      url = env("BACKEND_URL");
    }
    if (token.isBlank()) {
      token = env("ACCESS_TOKEN");
    }
    secret(token);
    try {
      return BackendTarget.of(url, token, "backendUrl");
    } catch (InvalidParameterException e) {
      if (fromEnv) {
        throw new BadInputException(
            "BACKEND_URL", e.getMessage().replaceFirst("^'backendUrl' ", ""));
      }
      throw e;
    }
  }

  private Optional<RegistryCredentials> envRegistryCredentials() {
    String password = env("REGISTRY_PASSWORD");
    secret(password);
    return RegistryCredentials.of(env("REGISTRY_URL"), env("REGISTRY_USERNAME"), password);
  }

  private String env(String name) {
    String v = env.get(name);
    return v == null ? "" : v.strip();
  }

  private void secret(String value) {
    if (value != null && !value.isBlank()) {
      secrets.add(value);
    }
  }

  private void secretsInUrl(String url) {
    int scheme = url.indexOf("://");
    int at = url.indexOf('@');
    if (scheme >= 0 && at > scheme) {
      String userInfo = url.substring(scheme + 3, at);
      int colon = userInfo.indexOf(':');
      secret(colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
    }
  }
}
