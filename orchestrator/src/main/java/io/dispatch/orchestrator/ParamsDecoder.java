package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.BackendTarget;
import io.dispatch.lifecycle.params.BuildSpec;
import io.dispatch.lifecycle.params.BuilderName;
import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.DestroyRequest;
import io.dispatch.lifecycle.params.DestroyRequest.JobToDestroy;
import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.InvalidParameterException;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.params.PushTarget;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.params.Source;
import io.dispatch.lifecycle.params.TaskRequest;
import io.dispatch.lifecycle.params.UploadSource;
import io.dispatch.lifecycle.params.Urls;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes a task's parameters into its request record. Required fields are checked in the order of
 * the earlier implementation (for example {@code jobId}, {@code imageName}, {@code deploymentId},
 * {@code serviceId} for an image); Nomad, backend and registry settings missing from the parameters
 * come from the environment. Every secret met on the way is collected so that no log line can print
 * it, including any user info of any URL (with or without a colon).
 *
 * <p>Environment registry credentials ({@code REGISTRY_USERNAME}/{@code REGISTRY_PASSWORD}) are
 * bound to {@code REGISTRY_URL}'s host; without {@code REGISTRY_URL}, to the registry an image
 * without a registry host goes to ({@code build.registryUrl} for a build, Docker Hub for {@code
 * deploy-image}). They are never offered to a registry an image name picks.
 */
final class ParamsDecoder {

  static final List<String> TASKS =
      List.of("deploy-repository", "redeploy-repository", "deploy-image", "destroy-job-pack");

  /** The variable that allows {@code file://} repositories, which read this machine's disk. */
  static final String ALLOW_FILE_REPOSITORIES = "DISPATCH_ALLOW_FILE_REPOSITORIES";

  /** The most jobs one {@code destroy-job-pack} may name. */
  static final int MAX_JOBS = 500;

  private final Map<String, String> env;
  private final Set<String> secrets;

  /** A decoder that adds each secret it meets to {@code secrets} at once, even if it then fails. */
  ParamsDecoder(Map<String, String> env, Set<String> secrets) {
    this.env = env;
    this.secrets = secrets;
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
            p.object("build").map(b -> b.text("startCommand")).orElse(""), clusterDomain()),
        nomad(p.string("nomadAddress"), p.string("nomadToken"), "nomadAddress"),
        backend(p),
        envRegistryCredentials(ImageReference.DOCKER_HUB),
        RuntimeFields.read(p, secrets));
  }

  private RepositoryDeployment repository(String task, JsonFields p) {
    String jobId = p.requiredString("jobId");
    Source source = source(p);
    DeploymentIdentity identity = identity(p, jobId);
    JsonFields build = p.object("build").orElse(null);
    BuildSpec buildSpec = build == null ? BuildSpec.defaults() : buildSpec(build);
    String startCommand = build == null ? "" : build.text("startCommand");
    ImageReference target =
        PushTarget.of(
            p.string("imageName"), p.string("imageTag"), jobId, buildSpec, defaultRegistry());
    Optional<RegistryCredentials> credentials =
        buildSpec.registryCredentials().isPresent()
            ? buildSpec.registryCredentials()
            : envRegistryCredentials(buildSpec.registryUrl());
    return new RepositoryDeployment(
        task,
        identity,
        source,
        buildSpec,
        target,
        new ServiceFields(p).spec(startCommand, clusterDomain()),
        nomad(p.string("nomadAddress"), p.string("nomadToken"), "nomadAddress"),
        backend(p),
        credentials,
        RuntimeFields.read(p, secrets));
  }

  /** {@code REGISTRY_URL}'s host: where builds are pushed when the parameters name none. */
  private String defaultRegistry() {
    return ImageReference.registryHost(env("REGISTRY_URL"));
  }

  private Source source(JsonFields p) {
    if ("local_upload".equals(p.string("sourceType").strip())) {
      String url = p.requiredString("sourceUrl");
      UrlSecrets.addTo(url, secrets);
      int query = url.indexOf('?');
      if (query >= 0) {
        String raw = url.substring(query + 1).replaceFirst("#.*$", "");
        secret(raw);
        secret(UrlSecrets.decoded(raw));
      }
      URI uri = Urls.download(url, "sourceUrl");
      return new UploadSource(uri, p.string("uploadId"));
    }
    String repository = p.requiredString("repository");
    UrlSecrets.addTo(repository, secrets);
    String branch = p.requiredString("branch");
    String token = p.string("gitPass");
    secret(token);
    if (Urls.isFile(repository) && !flag(ALLOW_FILE_REPOSITORIES)) {
      throw new InvalidParameterException(
          "repository",
          "is a file:// repository, which reads this machine's disk; set "
              + ALLOW_FILE_REPOSITORIES
              + "=1 to allow it");
    }
    return new GitSource(repository, branch, p.string("provider"), token);
  }

  private BuildSpec buildSpec(JsonFields b) {
    String password = b.string("registryPassword");
    secret(password);
    UrlSecrets.addTo(b.string("registryUrl"), secrets);
    Map<String, String> buildArgs = b.scalarMap("buildArgs");
    Map<String, String> staticBuildEnv = b.scalarMap("staticBuildEnv");
    secretVariables(buildArgs);
    secretVariables(staticBuildEnv);
    return new BuildSpec(
        BuilderName.parse(b.string("builder")),
        b.string("dockerfilePath"),
        b.string("rootDirectory"),
        b.text("buildCommand"),
        buildArgs,
        staticBuildEnv,
        b.bool("disablePush", false),
        b.string("registryUrl"),
        b.string("registryNamespace"),
        RegistryCredentials.of(b.string("registryUrl"), b.string("registryUsername"), password));
  }

  private DestroyRequest destroy(JsonFields p) {
    List<JsonFields> entries = p.objects("jobs", MAX_JOBS);
    if (entries.isEmpty()) {
      throw new InvalidParameterException("jobs", "must list at least one job");
    }
    List<JobToDestroy> jobs =
        entries.stream()
            .map(
                j ->
                    new JobToDestroy(
                        Checks.nomadJobId(j.requiredString("jobId"), j.field("jobId")),
                        Checks.optionalSafeId(j.string("serviceId"), j.field("serviceId")),
                        nomad(
                            j.string("nomadAddress"),
                            j.string("nomadToken"),
                            j.field("nomadAddress"))))
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

  private NomadTarget nomad(String address, String token, String field) {
    return Targets.nomad(address, token, field, env, secrets);
  }

  private Optional<BackendTarget> backend(JsonFields p) {
    return Targets.backend(p, env, secrets);
  }

  /**
   * {@code REGISTRY_USERNAME}/{@code REGISTRY_PASSWORD}, bound to {@code REGISTRY_URL}'s host, or
   * without it to {@code impliedRegistry}: the registry of an image name that names none.
   */
  private Optional<RegistryCredentials> envRegistryCredentials(String impliedRegistry) {
    String password = env("REGISTRY_PASSWORD");
    secret(password);
    String registryUrl = env("REGISTRY_URL");
    UrlSecrets.addTo(registryUrl, secrets);
    String boundTo = registryUrl.isEmpty() ? impliedRegistry : registryUrl;
    if (boundTo.isBlank()) {
      boundTo = ImageReference.DOCKER_HUB;
    }
    return RegistryCredentials.of(boundTo, env("REGISTRY_USERNAME"), password);
  }

  /** {@code CLUSTER_DOMAIN}, the suffix of bare domain labels: a host name, like the parameter. */
  private String clusterDomain() {
    try {
      return Checks.hostName(env("CLUSTER_DOMAIN"), "CLUSTER_DOMAIN");
    } catch (InvalidParameterException e) {
      throw new BadInputException(
          "CLUSTER_DOMAIN", e.getMessage().replaceFirst("^'CLUSTER_DOMAIN' ", ""));
    }
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

  /** Whether a yes/no variable is set to yes ({@code 1}, {@code true}, {@code yes}). */
  private boolean flag(String name) {
    return Inputs.yesOrNo(env, name);
  }

  /**
   * Build variables reach the build's output; those whose name says they are secret (a token, a
   * password, a key) are masked there like every other secret.
   */
  private void secretVariables(Map<String, String> variables) {
    variables.forEach(
        (name, value) -> {
          if (SECRET_NAME.matcher(name).find()) {
            secret(value);
          }
        });
  }

  private static final java.util.regex.Pattern SECRET_NAME =
      java.util.regex.Pattern.compile(
          "(?i)(token|secret|passw|pwd|private|credential|auth|api_?key|access_?key)");
}
