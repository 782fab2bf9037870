package io.dispatch.lifecycle.registry;

import java.util.Objects;

/**
 * The platform of one entry of an image index.
 *
 * @param os e.g. {@code linux}
 * @param architecture e.g. {@code amd64}
 * @param variant e.g. {@code v8}, or empty
 */
public record Platform(String os, String architecture, String variant) {

  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", "");

  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    variant = variant == null ? "" : variant;
  }

  /**
   * Whether an entry for {@code candidate} can run here: same os and architecture, variant if set.
   */
  boolean accepts(Platform candidate) {
    return os.equals(candidate.os)
        && architecture.equals(candidate.architecture)
        && (variant.isEmpty() || variant.equals(candidate.variant));
  }

  /** BuildKit's attestation entries say {@code unknown/unknown}. */
  boolean isUnknown() {
    return "unknown".equals(os) && "unknown".equals(architecture);
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
