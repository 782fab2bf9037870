package io.dispatch.lifecycle.image;

import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.run.RunControl;
import java.util.Optional;

/** Reads an image's config without running it. */
public interface ImageInspector {

  /**
   * Reads the config of {@code image}.
   *
   * @param credentials registry credentials, when the image is private
   * @throws io.dispatch.lifecycle.run.StepFailedException with a message naming the image and
   *     saying what went wrong (not found, access denied, registry unreachable)
   */
  ImageConfig inspect(
      ImageReference image, Optional<RegistryCredentials> credentials, RunControl control);
}
