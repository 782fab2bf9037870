package io.dispatch.lifecycle.script;

import io.dispatch.lifecycle.build.RepositoryBuild;
import io.dispatch.lifecycle.build.RepositoryBuild.BuiltImage;
import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.BuilderName;
import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.params.UploadSource;
import io.dispatch.lifecycle.ports.RepositoryAdapters;
import io.dispatch.lifecycle.run.Outcome;
import io.dispatch.lifecycle.run.Step;
import io.dispatch.lifecycle.run.Steps;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.portdetector.PortDetector;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * deploy-repository and redeploy-repository: fetch the source, build, push, then release. With
 * {@code build.builder: noop} the named image is released as it is.
 */
public final class DeployRepositoryScript {

  private final RunContext run;
  private final RepositoryAdapters adapters;
  private final Steps steps;

  public DeployRepositoryScript(RunContext run, RepositoryAdapters adapters) {
    this.run = run;
    this.adapters = adapters;
    this.steps = run.steps();
  }

  /** Runs the deployment, working in {@code workDirectory}. */
  public Outcome run(RepositoryDeployment d, Path workDirectory) {
    ReleaseSteps release = new ReleaseSteps(run);
    return run.outcome(
        () -> {
          ImageReference target = d.target();
          if (d.build().builder() == BuilderName.NOOP) {
            skipAll("build.builder is noop", target + " is deployed as it is");
            ImageConfig image =
                release.download(adapters.images(), target, d.registryCredentials());
            return release.deploy(d, image, PortDetector.DEFAULT_PORT, adapters.scheduler());
          }
          Optional<String> inert = adapters.builder().skipReason();
          if (inert.isPresent()) {
            for (Step step : List.of(Step.CLONE, Step.BUILD, Step.PUSH)) {
              steps.skip(step, inert.get());
            }
            ImageConfig planned =
                new ImageConfig(target, "", ImageMetadata.empty(), "not built", 0);
            return release.deploy(
                d, planned, PortDetector.DOCKERFILE_DEFAULT_PORT, adapters.scheduler());
          }
          BuiltImage built = build(d, workDirectory.resolve("source"), target);
          String digest = push(d, built.id(), target);
          ImageReference tag = buildTag(target);
          if (!digest.isEmpty()) {
            adapters.builder().removeTag(tag);
          }
          ImageConfig image =
              new ImageConfig(
                  digest.isEmpty() ? tag : target, digest, built.metadata(), "daemon", 0);
          return release.deploy(d, image, built.defaultPort(), adapters.scheduler());
        });
  }

  private void skipAll(String why, String what) {
    steps.skip(Step.CLONE, why + ": the source is not needed");
    steps.skip(Step.BUILD, why + ": " + what);
    steps.skip(Step.PUSH, why + ": nothing was built");
  }

  /** The clone (or download) and the build, tagged with this run's own tag. */
  private BuiltImage build(RepositoryDeployment d, Path source, ImageReference target) {
    steps.run(
        Step.CLONE,
        describe(d),
        span -> span.attribute("summary", adapters.sources().fetch(d.source(), source)));
    Path context =
        d.build().rootDirectory().isEmpty() ? source : source.resolve(d.build().rootDirectory());
    return steps.run(
        Step.BUILD,
        RepositoryBuild.describe(d.build()),
        span ->
            new RepositoryBuild(adapters.builder(), run.log())
                .build(d.build(), context, buildTag(target), span));
  }

  /** The run's own tag of the built image, removed once the push tagged the target. */
  private ImageReference buildTag(ImageReference target) {
    return ImageReference.parse(target.name(), "dispatch-" + run.runId());
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

  private static String describe(RepositoryDeployment d) {
    if (d.source() instanceof GitSource g) {
      return g.display() + " (branch " + g.branch() + ")";
    }
    return ((UploadSource) d.source()).display();
  }
}
