package io.dispatch.portdetector;

import java.util.List;
import java.util.Optional;

/**
 * What an image's config says about how it runs: the {@code ExposedPorts} keys, {@code Env}
 * entries, {@code User}, {@code Cmd} and {@code Entrypoint}. Absent values are empty lists or empty
 * strings, never null.
 */
public record ImageMetadata(
    List<String> exposedPorts,
    List<String> env,
    String user,
    List<String> cmd,
    List<String> entrypoint) {

  public ImageMetadata {
    exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
    env = env == null ? List.of() : List.copyOf(env);
    user = user == null ? "" : user;
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
  }

  /** An image config that says nothing. */
  public static ImageMetadata empty() {
    return new ImageMetadata(List.of(), List.of(), "", List.of(), List.of());
  }

  /** The user the image runs as, if it names one (an empty {@code User} means root). */
  public Optional<String> declaredUser() {
    return user.isBlank() ? Optional.empty() : Optional.of(user);
  }
}
