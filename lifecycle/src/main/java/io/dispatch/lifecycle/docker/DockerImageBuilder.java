package io.dispatch.lifecycle.docker;

import io.dispatch.lifecycle.image.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.ports.ImageBuilder;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.portdetector.ImageMetadata;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The lifecycle's {@link ImageBuilder} on a {@link DockerEngine}, bounded by the run. */
public final class DockerImageBuilder implements ImageBuilder {

  private final DockerEngine engine;
  private final RunControl control;
  private final DeploymentLog log;

  public DockerImageBuilder(DockerEngine engine, RunControl control, DeploymentLog log) {
    this.engine = engine;
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
