package io.dispatch.lifecycle.docker;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.run.RunControl;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an image's config the slow way: the daemon pulls the whole image, then we inspect it. For
 * registries the registry client cannot read.
 */
public final class DaemonImageInspector implements ImageInspector {

  public static final String SOURCE = "daemon";

  private final DockerEngine engine;

  public DaemonImageInspector(DockerEngine engine) {
    this.engine = engine;
  }

  @Override
  public ImageConfig inspect(
      ImageReference image, Optional<RegistryCredentials> credentials, RunControl control) {
    long bytes = engine.pull(image, credentials, control);
    control.checkpoint();
    LocalImage local =
        engine.inspect(
            image.pinnedDigest().isPresent()
                ? image.name() + "@" + image.digest()
                : image.name() + ":" + image.tag());
    return new ImageConfig(image, digest(image, local), local.metadata(), SOURCE, bytes);
  }

  /**
   * The digest the pull resolved to: the pinned one, else the one repo digest for the image's name.
   * Podman lists every digest the image ever had under every name it has, so when several digests
   * go with the name, none can be trusted and the answer is empty.
   */
  static String digest(ImageReference image, LocalImage local) {
    if (image.pinnedDigest().isPresent()) {
      return image.digest();
    }
    Set<String> candidates = new LinkedHashSet<>();
    for (String repoDigest : local.repoDigests()) {
      try {
        ImageReference candidate = ImageReference.parse(repoDigest);
        if (candidate.name().equals(image.name()) && !candidate.digest().isEmpty()) {
          candidates.add(candidate.digest());
        }
      } catch (IllegalArgumentException unreadable) {
        // a daemon's odd entry; look at the next one
      }
    }
    return candidates.size() == 1 ? candidates.iterator().next() : "";
  }
}
