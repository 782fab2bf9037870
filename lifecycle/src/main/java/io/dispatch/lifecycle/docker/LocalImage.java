package io.dispatch.lifecycle.docker;

import io.dispatch.portdetector.ImageMetadata;
import java.util.List;
import java.util.Objects;

/**
 * An image in the daemon's storage.
 *
 * @param id the image id ({@code sha256:…})
 * @param repoDigests {@code repository@sha256:…} for each registry it was pushed to or pulled from
 * @param metadata ports, environment, user, command and entrypoint from its config
 */
public record LocalImage(String id, List<String> repoDigests, ImageMetadata metadata) {

  public LocalImage {
    Objects.requireNonNull(id, "id");
    repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
    Objects.requireNonNull(metadata, "metadata");
  }
}
