package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.PlatformNames;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The task's {@code vault} block, when a template reads Vault: the pack's policies (the private
 * registry's, the project's and the platform registry's), or the workload-identity role of {@code
 * NOMAD_VAULT_ROLE} for clusters that dropped the token workflow. A change of the Vault token
 * restarts the task, as in the pack.
 */
final class VaultBlock {

  private VaultBlock() {}

  static Optional<ObjectNode> of(JobRequest request, Templates templates, RegistryAccess registry) {
    if (!templates.readVault()) {
      return Optional.empty();
    }
    PlatformNames platform = request.settings().platform();
    ObjectNode vault = Json.object().put("ChangeMode", "restart");
    if (!platform.vaultRole().isEmpty()) {
      return Optional.of(vault.put("Role", platform.vaultRole()));
    }
    Set<String> policies = new LinkedHashSet<>();
    if (request.runtime().privateRegistry().isPresent()) {
      policies.add(registry.vaultPolicy());
    }
    if (templates.readsProjectSecrets() && !request.identity().projectId().isEmpty()) {
      policies.add(request.identity().projectId());
    }
    if (registry.fromVault() && !registry.vaultPolicy().isEmpty()) {
      policies.add(registry.vaultPolicy());
    }
    vault.set("Policies", Json.strings(policies));
    return Optional.of(vault);
  }
}
