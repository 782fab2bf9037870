package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.image.ImageInspector;
import java.util.Objects;

/**
 * What deploy-image works with.
 *
 * @param images reads the image's config
 * @param scheduler registers and follows the job
 */
public record ImageAdapters(ImageInspector images, ServiceScheduler scheduler) {
  public ImageAdapters {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(scheduler, "scheduler");
  }
}
