package io.dispatch.lifecycle.params;

import java.util.Optional;

/**
 * Credentials for a container registry.
 *
 * @param registry the registry host they are for, or empty for "the image's registry"
 * @param username the user name
 * @param password never printed
 */
public record RegistryCredentials(String registry, String username, String password) {

  public RegistryCredentials {
    registry = ImageReference.registryHost(registry);
    username = Checks.orEmpty(username);
    password = Checks.orEmpty(password);
  }

  /** Credentials when both a user name and a password are set. */
  public static Optional<RegistryCredentials> of(
      String registry, String username, String password) {
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RegistryCredentials(registry, username, password));
  }

  @Override
  public String toString() {
    return "RegistryCredentials[registry="
        + registry
        + ", username="
        + username
        + ", password=***]";
  }
}
