package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.params.BuilderName;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.portdetector.ImageMetadata;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds and pushes images through a Docker-compatible engine: from a Dockerfile through its API,
 * or with a command-line builder (railpack, nixpacks) that builds into the same engine.
 */
public interface ImageBuilder {

  /**
   * Builds {@code dockerfile} (relative to {@code context}) and tags the result {@code tag}.
   *
   * @param output receives the build's output, line by line
   * @return the image id
   * @throws io.dispatch.lifecycle.run.StepFailedException with the engine's message
   */
  String build(
      Path context,
      String dockerfile,
      ImageReference tag,
      Map<String, String> buildArgs,
      Consumer<String> output);

  /** Whether the command-line builder {@code builder} can be run here (it is on the PATH). */
  boolean installed(BuilderName builder);

  /**
   * Builds the source in {@code context} with a command-line builder and tags the result {@code
   * tag}.
   *
   * @param environment the build's variables ({@code --env})
   * @param output receives the builder's output, line by line
   * @return the image id
   * @throws io.dispatch.lifecycle.run.StepFailedException when the builder is missing or fails (its
   *     last lines of output in the message)
   */
  String buildWith(
      BuilderName builder,
      Path context,
      ImageReference tag,
      Map<String, String> environment,
      Consumer<String> output);

  /** What the image's config says. */
  ImageMetadata inspect(String imageId);

  /**
   * Tags {@code imageId} as {@code target} and pushes it.
   *
   * @return the pushed manifest digest
   * @throws io.dispatch.lifecycle.run.StepFailedException with the registry's message
   */
  String push(String imageId, ImageReference target, Optional<RegistryCredentials> credentials);

  /**
   * Why this builder builds nothing, when it builds nothing (a dry run): the clone, build and push
   * steps are then skipped with this reason.
   */
  default Optional<String> skipReason() {
    return Optional.empty();
  }

  /** Removes a local tag; best-effort. */
  void removeTag(ImageReference tag);
}
