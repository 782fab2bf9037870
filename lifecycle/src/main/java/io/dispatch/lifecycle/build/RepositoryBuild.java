package io.dispatch.lifecycle.build;

import io.dispatch.lifecycle.build.BuilderChoice.Run;
import io.dispatch.lifecycle.build.BuilderChoice.Unavailable;
import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.BuildSpec;
import io.dispatch.lifecycle.params.BuilderName;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.ports.ImageBuilder;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.portdetector.PortDetector;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The work of the build step: choose the builder ({@link BuilderChoice}), run it, read the built
 * image's config. The step's summary and trace name the builder that ran.
 */
public final class RepositoryBuild {

  private final ImageBuilder builder;
  private final DeploymentLog log;

  public RepositoryBuild(ImageBuilder builder, DeploymentLog log) {
    this.builder = builder;
    this.log = log;
  }

  /**
   * A built image, in the daemon.
   *
   * @param id the image id
   * @param metadata what its config says
   * @param builder the builder that built it
   * @param defaultPort the port assumed when the image declares none: what the builder's images
   *     listen on by convention
   */
  public record BuiltImage(
      String id, ImageMetadata metadata, BuilderName builder, int defaultPort) {}

  /** The build step's opening line: the builder asked for and where the source is. */
  public static String describe(BuildSpec build) {
    return (build.builder() == BuilderName.AUTO ? "detect builder" : build.builder().wire())
        + " in "
        + (build.rootDirectory().isEmpty() ? "the repository root" : build.rootDirectory() + "/");
  }

  /**
   * Builds the source in {@code context} and tags it {@code tag}.
   *
   * @throws StepFailedException when the context is missing, no builder can build it (naming what
   *     was tried), or the builder fails
   */
  public BuiltImage build(BuildSpec spec, Path context, ImageReference tag, Span span) {
    if (!Files.isDirectory(context)) {
      throw new StepFailedException(
          "build.rootDirectory '"
              + spec.rootDirectory()
              + "' is not a directory of the repository");
    }
    BuilderChoice.Choice choice =
        BuilderChoice.choose(
            spec, f -> Files.isRegularFile(context.resolve(f)), builder::installed);
    if (choice instanceof Unavailable u) {
      throw new StepFailedException(u.reason());
    }
    Run run = (Run) choice;
    String name = run.builder().wire();
    span.attribute("builder", name).attribute("builder.reason", run.why());
    log.detail("builder " + name + ": " + run.why());
    String id =
        run.builder() == BuilderName.CSDOCKER
            ? builder.build(context, run.dockerfile(), tag, spec.buildEnvironment(), log::output)
            : builder.buildWith(run.builder(), context, tag, spec.buildEnvironment(), log::output);
    ImageMetadata metadata = builder.inspect(id);
    span.attribute("image.id", id)
        .attribute(
            "summary",
            name
                + (run.dockerfile().isEmpty() ? "" : " " + run.dockerfile())
                + ", "
                + ImageConfig.shortDigest(id)
                + (metadata.exposedPorts().isEmpty()
                    ? ", no exposed ports"
                    : ", exposes " + String.join(" ", metadata.exposedPorts())));
    int defaultPort =
        run.builder() == BuilderName.CSDOCKER
            ? PortDetector.DOCKERFILE_DEFAULT_PORT
            : PortDetector.DEFAULT_PORT;
    return new BuiltImage(id, metadata, run.builder(), defaultPort);
  }
}
