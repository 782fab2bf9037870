package io.dispatch.lifecycle.params;

/**
 * The platform's own names that the earlier pack hard-coded, as settings (from the environment,
 * with the pack's values as defaults). An empty value turns the feature off where that makes sense.
 *
 * @param kvMount the Vault KV v2 mount of the services' secrets ({@code VAULT_KV_MOUNT}, {@code
 *     kv})
 * @param registrySecret the Vault secret with the platform registry's credentials ({@code
 *     VAULT_REGISTRY_SECRET}, {@code acr/data/registry}); empty: never read from Vault
 * @param registryPolicy the Vault policy that may read it ({@code VAULT_REGISTRY_POLICY}, {@code
 *     acr})
 * @param vaultRole a workload-identity role used instead of policies ({@code NOMAD_VAULT_ROLE}), or
 *     empty for the policies
 * @param gpuDevice the device GPU jobs ask for ({@code NOMAD_GPU_DEVICE}, {@code letmutx/gpu})
 * @param gpuNodePool the node pool of GPU jobs ({@code NOMAD_GPU_NODE_POOL}, {@code gpu-minions})
 * @param nodePool the node pool of other jobs without a {@code node_pool} parameter ({@code
 *     NOMAD_NODE_POOL}), or empty for Nomad's default
 */
public record PlatformNames(
    String kvMount,
    String registrySecret,
    String registryPolicy,
    String vaultRole,
    String gpuDevice,
    String gpuNodePool,
    String nodePool) {

  public static final String DEFAULT_KV_MOUNT = "kv";
  public static final String DEFAULT_REGISTRY_SECRET = "acr/data/registry";
  public static final String DEFAULT_REGISTRY_POLICY = "acr";
  public static final String DEFAULT_GPU_DEVICE = "letmutx/gpu";
  public static final String DEFAULT_GPU_NODE_POOL = "gpu-minions";

  public PlatformNames {
    kvMount = TemplateText.secretPath(kvMount, "VAULT_KV_MOUNT");
    registrySecret =
        Checks.orEmpty(registrySecret).isBlank()
            ? ""
            : TemplateText.secretPath(registrySecret, "VAULT_REGISTRY_SECRET");
    registryPolicy = optionalId(registryPolicy, "VAULT_REGISTRY_POLICY");
    vaultRole = optionalId(vaultRole, "NOMAD_VAULT_ROLE");
    gpuDevice = TemplateText.secretPath(gpuDevice, "NOMAD_GPU_DEVICE");
    gpuNodePool = TemplateText.id(gpuNodePool, "NOMAD_GPU_NODE_POOL");
    nodePool = optionalId(nodePool, "NOMAD_NODE_POOL");
  }

  /** The pack's names. */
  public static PlatformNames defaults() {
    return new PlatformNames(
        DEFAULT_KV_MOUNT,
        DEFAULT_REGISTRY_SECRET,
        DEFAULT_REGISTRY_POLICY,
        "",
        DEFAULT_GPU_DEVICE,
        DEFAULT_GPU_NODE_POOL,
        "");
  }

  private static String optionalId(String value, String field) {
    return Checks.orEmpty(value).isBlank() ? "" : TemplateText.id(value, field);
  }
}
