package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.image.ImageInspector;
import java.util.Objects;

/**
 * What deploy-repository and redeploy-repository work with.
 *
 * @param sources clones or downloads the source
 * @param builder builds and pushes the image
 * @param images reads the config of an image deployed as it is ({@code build.builder: noop})
 * @param scheduler registers and follows the job
 */
public record RepositoryAdapters(
    SourceFetcher sources,
    ImageBuilder builder,
    ImageInspector images,
    ServiceScheduler scheduler) {
  public RepositoryAdapters {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(scheduler, "scheduler");
  }
}
