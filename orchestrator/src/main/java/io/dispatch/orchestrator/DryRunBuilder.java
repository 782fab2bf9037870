package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.BuilderName;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.ports.ImageBuilder;
import io.dispatch.portdetector.ImageMetadata;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The builder of a dry run: it builds and pushes nothing, and says so, so that the clone, build and
 * push steps are skipped with its reason. Nothing may call it to build.
 */
final class DryRunBuilder implements ImageBuilder {

  @Override
  public Optional<String> skipReason() {
    return Optional.of(DryRun.REASON);
  }

  @Override
  public String build(
      Path context,
      String dockerfile,
      ImageReference tag,
      Map<String, String> buildArgs,
      Consumer<String> output) {
    throw unused();
  }

  @Override
  public boolean installed(BuilderName builder) {
    throw unused();
  }

  @Override
  public String buildWith(
      BuilderName builder,
      Path context,
      ImageReference tag,
      Map<String, String> environment,
      Consumer<String> output) {
    throw unused();
  }

  @Override
  public ImageMetadata inspect(String imageId) {
    throw unused();
  }

  @Override
  public String push(
      String imageId, ImageReference target, Optional<RegistryCredentials> credentials) {
    throw unused();
  }

  @Override
  public void removeTag(ImageReference tag) {
    throw unused();
  }

  private static IllegalStateException unused() {
    return new IllegalStateException("a dry run builds nothing");
  }
}
