package io.dispatch.lifecycle.registry;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A content descriptor inside a manifest or index: what a blob or manifest is and where to find it.
 *
 * @param mediaType the media type, or empty when the document leaves it out
 * @param digest {@code sha256:…}
 * @param size the size in bytes the document announces, or -1
 * @param platform the platform, for index entries that name one
 * @param annotations annotations, e.g. {@code vnd.docker.reference.type}
 */
record Descriptor(
    String mediaType,
    String digest,
    long size,
    Optional<Platform> platform,
    Map<String, String> annotations) {

  public Descriptor {
    mediaType = mediaType == null ? "" : mediaType;
    Objects.requireNonNull(digest, "digest");
    platform = platform == null ? Optional.empty() : platform;
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** An attestation or other non-image entry of an index (BuildKit provenance, SBOM). */
  boolean isAttestation() {
    return "attestation-manifest".equals(annotations.get("vnd.docker.reference.type"))
        || platform.map(Platform::isUnknown).orElse(false);
  }
}
