package io.dispatch.lifecycle.registry;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an image's config through the registry API (a few kilobytes, whatever the image's size),
 * and falls back to pulling it through the daemon only when the registry could not be read that
 * way: unreachable, TLS failure, an authentication scheme or manifest type the client does not
 * speak. A definite answer (the tag or repository does not exist, access denied, no image for the
 * platform) is reported as it is, without pulling.
 */
public final class RegistryFirstImageInspector implements ImageInspector {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryFirstImageInspector.class);

  private final ImageInspector registry;
  private final ImageInspector daemon;

  /**
   * @param registry reads through the registry API and fails with {@link RegistryException}
   * @param daemon pulls and inspects
   */
  public RegistryFirstImageInspector(ImageInspector registry, ImageInspector daemon) {
    this.registry = registry;
    this.daemon = daemon;
  }

  @Override
  public ImageConfig inspect(
      ImageReference image, Optional<RegistryCredentials> credentials, RunControl control) {
    try {
      return registry.inspect(image, credentials, control);
    } catch (RegistryException e) {
      if (!e.daemonMayHelp()) {
        throw e;
      }
      control.checkpoint();
      LOG.info("{}; pulling the image through the Docker daemon instead", e.getMessage());
      try {
        return daemon.inspect(image, credentials, control);
      } catch (StepFailedException daemonFailure) {
        throw new StepFailedException(
            e.getMessage()
                + "; pulling it through the Docker daemon failed too: "
                + daemonFailure.getMessage(),
            daemonFailure);
      }
    }
  }
}
