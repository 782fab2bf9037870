package io.dispatch.lifecycle.docker;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the daemon's stream items mean to us, and the credentials we send with a request. */
final class StreamItems {

  private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[a-f0-9]{64})");

  private StreamItems() {}

  /** The digest in the final push item: {@code aux.Digest}, or the {@code "…: digest: …"} line. */
  static Optional<String> pushedDigest(ResponseItem item) {
    if (item.getAux() != null && item.getAux().getDigest() != null) {
      return Optional.of(item.getAux().getDigest());
    }
    if (item.getStatus() != null) {
      Matcher m = PUSHED_DIGEST.matcher(item.getStatus());
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  static Optional<String> describe(ResponseItem item) {
    if (item.getStatus() == null || item.getStatus().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        item.getId() == null ? item.getStatus() : item.getStatus() + " " + item.getId());
  }

  /**
   * Passes a build item's output on: its stream text as it comes (it may end mid-line), a status as
   * a line of its own.
   */
  static void logLines(BuildResponseItem item, OutputLines lines) {
    if (item.getStream() != null) {
      lines.accept(item.getStream());
    } else if (item.getStatus() != null) {
      lines.finish();
      lines.accept(item.getStatus());
      lines.finish();
    }
  }

  static void recordSize(PullResponseItem item, Map<String, Long> sizes) {
    ResponseItem.ProgressDetail p = item.getProgressDetail();
    if (item.getId() != null && p != null && p.getTotal() != null && p.getTotal() > 0) {
      sizes.merge(item.getId(), p.getTotal(), Math::max);
    }
  }

  /** An {@code X-Registry-Auth} for the image's registry, when credentials apply to it. */
  static Optional<AuthConfig> authConfig(
      ImageReference image, Optional<RegistryCredentials> credentials) {
    return image
        .credentialsFrom(credentials)
        .map(
            c ->
                new AuthConfig()
                    .withUsername(c.username())
                    .withPassword(c.password())
                    .withRegistryAddress(
                        image.registry().equals(ImageReference.DOCKER_HUB)
                            ? AuthConfig.DEFAULT_SERVER_ADDRESS
                            : image.registry()));
  }
}
