package io.dispatch.lifecycle.docker;

import io.dispatch.lifecycle.cli.ZeroConfigBuilders;
import io.dispatch.lifecycle.params.BuilderName;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.ports.ImageBuilder;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.portdetector.ImageMetadata;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The lifecycle's {@link ImageBuilder} on a {@link DockerEngine}, bounded by the run; command-line
 * builders build into the same engine.
 */
public final class DockerImageBuilder implements ImageBuilder {

  private final DockerEngine engine;
  private final ZeroConfigBuilders tools;
  private final RunControl control;
  private final DeploymentLog log;

  public DockerImageBuilder(
      DockerEngine engine, ZeroConfigBuilders tools, RunControl control, DeploymentLog log) {
    this.engine = engine;
    this.tools = tools;
    this.control = control;
    this.log = log;
  }

  @Override
  public String build(
      Path context,
      String dockerfile,
      ImageReference tag,
      Map<String, String> buildArgs,
      Consumer<String> output) {
    return engine.build(context, dockerfile, Set.of(tag.toString()), buildArgs, output, control);
  }

  @Override
  public boolean installed(BuilderName builder) {
    return tools.installed(builder);
  }

  @Override
  public String buildWith(
      BuilderName builder,
      Path context,
      ImageReference tag,
      Map<String, String> environment,
      Consumer<String> output) {
    tools.build(builder, context, tag.toString(), new TreeMap<>(environment), output);
    try {
      return engine.inspect(tag.toString()).id();
    } catch (DockerEngineException e) {
      throw new StepFailedException(
          builder.wire() + " finished, but the image it was to build is missing: " + e.getMessage(),
          e);
    }
  }

  @Override
  public ImageMetadata inspect(String imageId) {
    return engine.inspect(imageId).metadata();
  }

  @Override
  public String push(
      String imageId, ImageReference target, Optional<RegistryCredentials> credentials) {
    engine.tag(imageId, target);
    return engine.push(target, credentials, log::output, control);
  }

  @Override
  public void removeTag(ImageReference tag) {
    engine.remove(tag.toString());
  }
}
