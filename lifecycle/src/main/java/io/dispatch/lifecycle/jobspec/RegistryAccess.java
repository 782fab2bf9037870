package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.PlatformNames;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.RuntimeConfig.PrivateRegistry;
import java.util.Optional;

/**
 * How Nomad authenticates to the image's registry. As in the pack, the credentials of the user's
 * private registry and of the platform's registry are read from Vault inside the allocation (a
 * template puts {@code registry_username} and {@code registry_password} into the task's
 * environment, and the docker {@code auth} block interpolates them), so they never appear in the
 * job. Credentials that only the orchestrator knows (for another registry) are written into the
 * {@code auth} block itself, and only for the registry they belong to.
 *
 * @param vaultSecret the Vault secret holding the credentials, or empty
 * @param vaultPolicy the policy that may read it, or empty
 * @param literal credentials to write into the job, when they come from the orchestrator
 */
record RegistryAccess(
    String vaultSecret, String vaultPolicy, Optional<RegistryCredentials> literal) {

  /** The environment variables the registry template renders (keys of the Vault secret). */
  static final String USERNAME = "${registry_username}";

  static final String PASSWORD = "${registry_password}";
  static final String DESTINATION = "private_registry/file.env";

  static RegistryAccess of(JobRequest request) {
    PlatformNames platform = request.settings().platform();
    Optional<PrivateRegistry> own = request.runtime().privateRegistry();
    if (own.isPresent()) {
      String path = platform.kvMount() + "/data/" + own.get().name() + "/" + own.get().provider();
      return new RegistryAccess(path, own.get().name(), Optional.empty());
    }
    ImageReference image = request.image().reference();
    String platformRegistry = request.settings().platformRegistry();
    if (!platform.registrySecret().isEmpty()
        && !platformRegistry.isEmpty()
        && image.isOnRegistry(platformRegistry)) {
      return new RegistryAccess(
          platform.registrySecret(), platform.registryPolicy(), Optional.empty());
    }
    // The one registry-matching rule that reading and pushing the image use too.
    Optional<RegistryCredentials> known = image.credentialsFrom(request.registryCredentials());
    return new RegistryAccess("", "", known);
  }

  boolean fromVault() {
    return !vaultSecret.isEmpty();
  }

  /** The docker {@code auth} block, when there is one. */
  Optional<ObjectNode> auth(ImageReference image) {
    if (fromVault()) {
      return Optional.of(Json.object().put("username", USERNAME).put("password", PASSWORD));
    }
    return literal.map(
        c ->
            Json.object()
                .put("username", c.username())
                .put("password", c.password())
                .put("server_address", image.registry()));
  }
}
