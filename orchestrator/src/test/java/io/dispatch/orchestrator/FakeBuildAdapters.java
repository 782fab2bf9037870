package io.dispatch.orchestrator;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.params.BuilderName;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.ports.ImageBuilder;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.ports.SourceFetcher;
import io.dispatch.portdetector.ImageMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Stand-ins for the adapters of a repository deployment: a source that writes {@link
 * #repositoryFiles}, builders that are {@link #installed} and record each call, a registry that
 * says {@link #imageSays}, and a Nomad that deploys whatever it is given.
 */
final class FakeBuildAdapters {

  /** The image id every build returns. */
  static final String BUILT = "sha256:" + "a".repeat(64);

  /** The digest every push and registry read returns. */
  static final String PUSHED = "sha256:" + "d".repeat(64);

  final Set<BuilderName> installed = EnumSet.noneOf(BuilderName.class);
  final List<String> calls = new ArrayList<>();
  final List<Release> released = new ArrayList<>();
  Map<String, String> repositoryFiles = Map.of("package.json", "{}");
  RuntimeException buildFailure;
  ImageMetadata imageSays = ImageMetadata.empty();

  /** The stand-ins as a run's adapters. */
  StandIns adapters() {
    return StandIns.with().images(images).sources(sources).builder(builder).scheduler(scheduler);
  }

  private final SourceFetcher sources =
      (source, directory) -> {
        calls.add("fetch");
        try {
          for (Map.Entry<String, String> f : repositoryFiles.entrySet()) {
            Path file = directory.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return "main at 3f2a9c1";
      };

  private final ImageBuilder builder =
      new ImageBuilder() {
        @Override
        public boolean installed(BuilderName b) {
          return installed.contains(b);
        }

        @Override
        public String build(
            Path context,
            String dockerfile,
            ImageReference tag,
            Map<String, String> buildArgs,
            Consumer<String> output) {
          calls.add("csdocker " + dockerfile + " " + buildArgs);
          return ran("STEP 1/3: FROM scratch", output);
        }

        @Override
        public String buildWith(
            BuilderName b,
            Path context,
            ImageReference tag,
            Map<String, String> environment,
            Consumer<String> output) {
          calls.add(b.wire() + " " + environment);
          return ran("╔ " + b.wire() + " plan", output);
        }

        private String ran(String line, Consumer<String> output) {
          output.accept(line);
          if (buildFailure != null) {
            throw buildFailure;
          }
          return BUILT;
        }

        @Override
        public ImageMetadata inspect(String imageId) {
          return imageSays;
        }

        @Override
        public String push(
            String imageId, ImageReference target, Optional<RegistryCredentials> credentials) {
          calls.add("push " + target);
          return PUSHED;
        }

        @Override
        public void removeTag(ImageReference tag) {}
      };

  private final ImageInspector images =
      (image, credentials, control) -> {
        calls.add("read " + image);
        return new ImageConfig(image, PUSHED, imageSays, "registry", 1200);
      };

  private final ServiceScheduler scheduler = new RecordingScheduler(released);
}
