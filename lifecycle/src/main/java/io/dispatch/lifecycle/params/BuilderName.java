package io.dispatch.lifecycle.params;

import java.util.Locale;

/**
 * The builder a repository deployment asks for ({@code build.builder}). {@link #AUTO} (no value)
 * lets {@code BuilderChoice} detect one; {@link #NOOP} builds nothing and deploys the named image.
 */
public enum BuilderName {
  AUTO(""),
  /** A Dockerfile build through the Docker-compatible API; {@code docker} is the same builder. */
  CSDOCKER("csdocker"),
  RAILPACK("railpack"),
  NIXPACKS("nixpacks"),
  NOOP("noop");

  private final String wire;

  BuilderName(String wire) {
    this.wire = wire;
  }

  /** The name as the parameters spell it; {@code ""} for {@link #AUTO}. */
  public String wire() {
    return wire;
  }

  /** Whether this builder is a program run from {@code PATH}. */
  public boolean isCli() {
    return this == RAILPACK || this == NIXPACKS;
  }

  /**
   * The builder named by {@code build.builder}: empty for detection, {@code csdocker} or {@code
   * docker}, {@code railpack}, {@code nixpacks}, {@code noop}, in any letter case.
   *
   * @throws InvalidParameterException for any other value
   */
  public static BuilderName parse(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("docker")) {
      return CSDOCKER;
    }
    for (BuilderName b : values()) {
      if (b.wire.equals(v)) {
        return b;
      }
    }
    throw new InvalidParameterException(
        "build.builder",
        "must be csdocker, docker, railpack, nixpacks or noop (or empty to detect)");
  }
}
