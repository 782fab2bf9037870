package io.dispatch.lifecycle.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parameters of the earlier implementation that this version decodes and checks but does not apply
 * to the deployment. {@link #notApplied()} names the ones a request actually set, so a run can say
 * so instead of ignoring them silently.
 */
public record PlatformExtras(
    String deploy,
    PackRegistry registry,
    Vault vault,
    String privateRegistry,
    String privateRegistryProvider,
    List<CsiVolume> csiVolume,
    JobConfig jobConfig,
    List<TemplateVariable> templateStringVariables,
    List<ConfigFile> configFiles,
    String regions,
    Tls tls,
    String cloudRegion,
    String cloudProvider,
    String clusterTcpDomain,
    int deploymentCount,
    Map<String, Object> nomadPackConfig) {

  public PlatformExtras {
    deploy = Checks.orEmpty(deploy);
    privateRegistry = Checks.orEmpty(privateRegistry);
    privateRegistryProvider = Checks.orEmpty(privateRegistryProvider);
    csiVolume = csiVolume == null ? List.of() : List.copyOf(csiVolume);
    templateStringVariables =
        templateStringVariables == null ? List.of() : List.copyOf(templateStringVariables);
    configFiles = configFiles == null ? List.of() : List.copyOf(configFiles);
    regions = Checks.orEmpty(regions);
    cloudRegion = Checks.orEmpty(cloudRegion);
    cloudProvider = Checks.orEmpty(cloudProvider);
    clusterTcpDomain = Checks.orEmpty(clusterTcpDomain);
    nomadPackConfig = nomadPackConfig == null ? Map.of() : Map.copyOf(nomadPackConfig);
  }

  public static PlatformExtras none() {
    return new PlatformExtras(
        "", null, null, "", "", List.of(), null, List.of(), List.of(), "", null, "", "", "", 0,
        Map.of());
  }

  /** The names of the fields that were set but are not applied by this version. */
  public List<String> notApplied() {
    List<String> names = new ArrayList<>();
    add(names, registry != null, "registry");
    add(names, vault != null && vault.isSet(), "vault*/secret*");
    add(names, !privateRegistry.isEmpty(), "privateRegistry");
    add(names, !csiVolume.isEmpty(), "csiVolume");
    add(names, jobConfig != null && jobConfig.isSet(), "jobConfig");
    add(names, !templateStringVariables.isEmpty(), "templateStringVariables");
    add(names, !configFiles.isEmpty(), "configFiles");
    add(names, !regions.isEmpty(), "regions");
    add(names, tls != null, "tls");
    add(names, !nomadPackConfig.isEmpty(), "nomadPackConfig");
    return names;
  }

  private static void add(List<String> names, boolean set, String name) {
    if (set) {
      names.add(name);
    }
  }

  @Override
  public String toString() {
    return "PlatformExtras" + notApplied();
  }

  /** The nomad-pack registry the earlier implementation deployed from. */
  public record PackRegistry(
      String pack,
      String registryName,
      String registryRef,
      String registrySource,
      String registryTarget,
      String registryToken,
      boolean useEmbedded) {
    @Override
    public String toString() {
      return "PackRegistry[" + pack + "]";
    }
  }

  /** Vault AppRole build secrets and the service's secret paths. */
  public record Vault(
      String vaultAddress,
      String roleId,
      String secretId,
      String secretsPath,
      String sharedSecretPath,
      Boolean usesKvEngine,
      Boolean ownerUsesKvEngine,
      List<LinkedSecretPath> linkedSecretPaths,
      List<LinkedSecret> linkedSecrets) {

    boolean isSet() {
      return !(Checks.orEmpty(vaultAddress).isEmpty()
          && Checks.orEmpty(roleId).isEmpty()
          && Checks.orEmpty(secretId).isEmpty()
          && Checks.orEmpty(secretsPath).isEmpty()
          && Checks.orEmpty(sharedSecretPath).isEmpty()
          && (linkedSecretPaths == null || linkedSecretPaths.isEmpty())
          && (linkedSecrets == null || linkedSecrets.isEmpty()));
    }

    @Override
    public String toString() {
      return "Vault[" + vaultAddress + "]";
    }
  }

  public record LinkedSecretPath(String prefix, String secretPath) {}

  public record LinkedSecret(String secret, String template) {}

  public record CsiVolume(String id, List<String> mountPaths) {}

  /** The job type and its periodic or parameterized settings; only {@code service} is deployed. */
  public record JobConfig(
      String type,
      String cron,
      boolean prohibitOverlap,
      String payload,
      List<String> metaRequired) {
    public JobConfig {
      type = Checks.orEmpty(type).strip();
      if (!type.isEmpty() && !type.equals("service")) {
        throw new InvalidParameterException(
            "jobConfig.type", "must be service: this version deploys service jobs only");
      }
      cron = Checks.orEmpty(cron);
      payload = Checks.orEmpty(payload);
      metaRequired = metaRequired == null ? List.of() : List.copyOf(metaRequired);
    }

    boolean isSet() {
      return !cron.isEmpty() || !payload.isEmpty() || !metaRequired.isEmpty();
    }
  }

  public record TemplateVariable(
      String name,
      String pattern,
      String serviceName,
      String serviceSecretPath,
      List<String> linkedVars) {}

  public record ConfigFile(String path, String content) {
    @Override
    public String toString() {
      return "ConfigFile[" + path + "]";
    }
  }

  public record Tls(
      String certPath, String keyPath, String commonName, String pkaPath, String ttl) {}
}
