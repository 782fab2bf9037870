package io.dispatch.lifecycle.image;

import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.portdetector.ImageMetadata;
import java.util.Objects;

/**
 * What was learned about an image.
 *
 * @param reference the image as asked for
 * @param digest the manifest digest ({@code sha256:…}) the reference resolved to, or empty when the
 *     source could not tell
 * @param metadata ports, environment, user, command and entrypoint from its config
 * @param source {@code registry} (read through the registry API) or {@code daemon} (pulled and
 *     inspected)
 * @param bytesFetched bytes read from the network to learn this (response bodies), or -1 when the
 *     source does not say (a daemon that reports no download sizes)
 */
public record ImageConfig(
    ImageReference reference,
    String digest,
    ImageMetadata metadata,
    String source,
    long bytesFetched) {

  public ImageConfig {
    Objects.requireNonNull(reference, "reference");
    digest = digest == null ? "" : digest;
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(source, "source");
  }

  /** The reference Nomad should pull: pinned to the digest when it is known. */
  public String pullReference() {
    return digest.isEmpty() ? reference.toString() : reference.name() + "@" + digest;
  }

  /** A digest or image id shortened for a log line: {@code sha256:} and 12 hex digits. */
  public static String shortDigest(String id) {
    String hex = id.replaceFirst("^sha256:", "");
    return hex.length() > 12 ? "sha256:" + hex.substring(0, 12) : id;
  }
}
