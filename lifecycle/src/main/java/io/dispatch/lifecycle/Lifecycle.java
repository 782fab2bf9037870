package io.dispatch.lifecycle;

import io.dispatch.backend.DeploymentBackend;
import io.dispatch.lifecycle.build.RepositoryBuild;
import io.dispatch.lifecycle.build.RepositoryBuild.BuiltImage;
import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.BuilderName;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.DestroyRequest;
import io.dispatch.lifecycle.params.DestroyRequest.JobToDestroy;
import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.params.UploadSource;
import io.dispatch.lifecycle.ports.Adapters;
import io.dispatch.lifecycle.ports.JobDestroyer;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.Outcome;
import io.dispatch.lifecycle.run.RunAbortedException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.Step;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.run.Steps;
import io.dispatch.lifecycle.trace.Trace;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.portdetector.NetworkPlan;
import io.dispatch.portdetector.PortDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The three lifecycles, each a short script of named steps. */
public final class Lifecycle {

  private final Steps steps;
  private final Trace trace;
  private final DeploymentLog log;
  private final RunControl control;
  private final Adapters adapters;
  private final RuntimeSettings settings;
  private final String runId;
  private final NetworkSetup networks;
  private final boolean dryRun;

  private static final String DRY_RUN = "dry run: nothing is changed";
  private static final String NOOP_DEPLOY = "deploy is \"noop\"";

  public Lifecycle(
      Steps steps,
      Trace trace,
      DeploymentLog log,
      DeploymentBackend backend,
      RunControl control,
      Adapters adapters,
      RuntimeSettings settings,
      String runId,
      boolean dryRun) {
    this.dryRun = dryRun;
    this.steps = steps;
    this.trace = trace;
    this.log = log;
    this.control = control;
    this.adapters = adapters;
    this.settings = settings;
    this.runId = runId;
    this.networks = new NetworkSetup(steps, trace, log, backend);
  }

  /** deploy-image: read the image's config, then release it. */
  public Outcome deployImage(ImageDeployment d) {
    return outcome(
        () -> {
          ImageConfig image = download(d.image(), d.registryCredentials());
          return release(d, image, PortDetector.DEFAULT_PORT);
        });
  }

  private ImageConfig download(ImageReference image, Optional<RegistryCredentials> credentials) {
    return steps.run(
        Step.IMAGE_DOWNLOAD,
        image.toString(),
        span -> {
          ImageConfig config = adapters.images().inspect(image, credentials, control);
          span.attribute("image", config.reference())
              .attribute("digest", config.digest())
              .attribute("source", config.source())
              .attribute("bytes", config.bytesFetched())
              .attribute("summary", describe(config));
          return config;
        });
  }

  /** deploy-repository and redeploy-repository: fetch, build, push, then release. */
  public Outcome deployRepository(RepositoryDeployment d, Path workDirectory) {
    return outcome(
        () -> {
          ImageReference target = pushTarget(d);
          if (d.build().builder() == BuilderName.NOOP) {
            return release(d, prebuilt(d, target), PortDetector.DEFAULT_PORT);
          }
          if (dryRun) {
            for (Step step : List.of(Step.CLONE, Step.BUILD, Step.PUSH)) {
              steps.skip(step, DRY_RUN);
            }
            ImageConfig planned = new ImageConfig(target, "", ImageMetadata.empty(), "dry run", 0);
            return release(d, planned, PortDetector.DOCKERFILE_DEFAULT_PORT);
          }
          Path source = workDirectory.resolve("source");
          steps.run(
              Step.CLONE,
              describe(d),
              span -> span.attribute("summary", adapters.sources().fetch(d.source(), source)));
          Path context =
              d.build().rootDirectory().isEmpty()
                  ? source
                  : source.resolve(d.build().rootDirectory());
          ImageReference buildTag = ImageReference.parse(target.name(), "dispatch-" + runId);
          BuiltImage built =
              steps.run(
                  Step.BUILD,
                  RepositoryBuild.describe(d.build()),
                  span ->
                      new RepositoryBuild(adapters.builder(), log)
                          .build(d.build(), context, buildTag, span));
          String digest = push(d, built.id(), target);
          if (!digest.isEmpty()) {
            adapters.builder().removeTag(buildTag);
          }
          ImageConfig image =
              new ImageConfig(
                  digest.isEmpty() ? buildTag : target, digest, built.metadata(), "daemon", 0);
          return release(d, image, built.defaultPort());
        });
  }

  /**
   * {@code build.builder: noop}: the image is deployed as it is, read from its registry like
   * deploy-image's. The clone is skipped too: nothing would read the source.
   */
  private ImageConfig prebuilt(RepositoryDeployment d, ImageReference image) {
    steps.skip(Step.CLONE, "build.builder is noop: the source is not needed");
    steps.skip(Step.BUILD, "build.builder is noop: " + image + " is deployed as it is");
    steps.skip(Step.PUSH, "build.builder is noop: nothing was built");
    return download(image, d.registryCredentials());
  }

  /** destroy-job-pack: stop and purge each job; one failure does not stop the others. */
  public Outcome destroy(DestroyRequest request) {
    return outcome(
        () -> {
          log.detail("reason: " + request.reason());
          List<String> failures = new ArrayList<>();
          for (JobToDestroy job : request.jobs()) {
            control.checkpoint();
            try {
              steps.phase(
                  "destroy " + job.jobId(),
                  job.nomad().address(),
                  span -> {
                    JobDestroyer.Result r = adapters.destroyer().destroy(job);
                    if (r.status() == JobDestroyer.Result.Status.FAILED) {
                      throw new StepFailedException(r.reason());
                    }
                    span.attribute(
                        "summary",
                        dryRun
                            ? "would be stopped and purged (dry run)"
                            : r.status() == JobDestroyer.Result.Status.DESTROYED
                                ? "destroyed"
                                : "already gone");
                    return r;
                  });
            } catch (StepFailedException e) {
              failures.add(job.jobId() + ": " + e.getMessage());
            }
          }
          int n = request.jobs().size();
          if (!failures.isEmpty()) {
            return Outcome.failed(
                "destroy",
                failures.size()
                    + " of "
                    + n
                    + " job(s) not destroyed: "
                    + String.join("; ", failures));
          }
          return Outcome.succeeded(n + " job(s) destroyed (" + request.reason() + ")");
        });
  }

  private Outcome release(ServiceDeployment d, ImageConfig image, int defaultPort) {
    DeploymentIdentity identity = d.identity();
    NetworkPlan plan = networks.prepare(identity, d.service(), image.metadata(), defaultPort);
    Release release =
        new Release(
            identity,
            d.service(),
            d.runtime(),
            image,
            plan,
            d.registryCredentials(),
            runId,
            trace.traceId());
    if (d.runtime().deploy() == RuntimeConfig.DeployMode.NOOP) {
      steps.skip(Step.DEPLOY, NOOP_DEPLOY + ": nothing is written to Nomad");
      steps.skip(Step.HEALTH_CHECK, NOOP_DEPLOY + ": there is no job to follow");
      return Outcome.succeeded(
          "job " + identity.jobId() + " was not registered (deploy is \"noop\")");
    }
    if (dryRun) {
      steps.phase("job", identity.jobId(), span -> adapters.scheduler().register(release, span));
      steps.skip(Step.DEPLOY, DRY_RUN);
      steps.skip(Step.HEALTH_CHECK, DRY_RUN);
      return Outcome.succeeded("dry run: job " + identity.jobId() + " was not registered");
    }
    RegisteredJob job =
        steps.run(
            Step.DEPLOY, identity.jobId(), span -> adapters.scheduler().register(release, span));
    String health =
        steps.run(
            Step.HEALTH_CHECK,
            "",
            span -> {
              String summary = adapters.scheduler().awaitHealthy(job, span);
              span.attribute("summary", summary);
              return summary;
            });
    return Outcome.succeeded(identity.jobId() + " " + health);
  }

  private String push(RepositoryDeployment d, String imageId, ImageReference target) {
    if (d.build().disablePush()) {
      steps.skip(Step.PUSH, "build.disablePush is set; the job runs the local image");
      return "";
    }
    return steps.run(
        Step.PUSH,
        target.toString(),
        span -> {
          String digest = adapters.builder().push(imageId, target, d.registryCredentials());
          span.attribute("digest", digest).attribute("summary", digest);
          return digest;
        });
  }

  /**
   * Where the built image goes: the image name's registry, else build.registryUrl, else
   * REGISTRY_URL.
   */
  private ImageReference pushTarget(RepositoryDeployment d) {
    String name = d.imageName();
    boolean hasRegistry = ImageReference.namesRegistry(name);
    String registry =
        !d.build().registryUrl().isEmpty() ? d.build().registryUrl() : settings.defaultRegistry();
    String full = hasRegistry || registry.isEmpty() ? name : registry + "/" + name;
    if (!hasRegistry && registry.isEmpty() && !d.build().disablePush()) {
      throw new StepFailedException(
          "no registry to push "
              + name
              + " to: give imageName a registry host, or set build.registryUrl or REGISTRY_URL");
    }
    try {
      return ImageReference.parse(full, d.imageTag());
    } catch (IllegalArgumentException e) {
      throw new StepFailedException("image name " + full + " " + e.getMessage());
    }
  }

  private Outcome outcome(Supplier<Outcome> script) {
    try {
      return script.get();
    } catch (StepFailedException e) {
      return Outcome.failed(steps.lastStep(), e.getMessage());
    } catch (RunAbortedException e) {
      return Outcome.aborted(steps.lastStep(), e);
    }
  }

  private static String describe(ImageConfig config) {
    List<String> ports = config.metadata().exposedPorts();
    return (config.digest().isEmpty() ? "" : ImageConfig.shortDigest(config.digest()) + ", ")
        + (ports.isEmpty() ? "no exposed ports" : "exposes " + String.join(" ", ports))
        + " ("
        + config.source()
        + ")";
  }

  private static String describe(RepositoryDeployment d) {
    if (d.source() instanceof GitSource g) {
      return g.display() + " (branch " + g.branch() + ")";
    }
    return ((UploadSource) d.source()).display();
  }
}
