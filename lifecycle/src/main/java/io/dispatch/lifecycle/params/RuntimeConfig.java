package io.dispatch.lifecycle.params;

import java.util.List;
import java.util.Optional;

/**
 * What the service gets at run time besides its image and ports: secrets and variables rendered
 * from Vault and the service registry, files, certificates, a volume, and the kind of job it runs
 * as. Every value here is data: the fields that are spliced into template text were checked against
 * {@link TemplateText}'s character sets when they were decoded.
 *
 * @param sharedSecretPath a second KV secret of the project whose keys become environment variables
 *     ({@code sharedSecretPath}), or empty
 * @param linkedSecrets environment variables whose values are built from other variables at start
 *     ({@code vaultLinkedSecrets})
 * @param privateRegistry the user's own registry, whose credentials live in Vault, if any
 * @param volume the CSI volume, if any (only the first entry of {@code csiVolume})
 * @param templateVariables connection strings built from a secret and a service's address
 * @param configFiles files written into the task and mounted into the container
 * @param certificates TLS certificates issued by Vault's PKI
 * @param kind the job type and its periodic or parameterized settings
 * @param regions node classes the job may run on ({@code regions}), or empty for any
 * @param deploy {@code nomad} to register the job, {@code noop} to write nothing to Nomad
 * @param notApplied fields that were set, that the earlier implementation applied, and that this
 *     version does not apply (named in the start-of-run warning)
 * @param noEffect fields that were set and that had no effect in the earlier implementation either
 */
public record RuntimeConfig(
    String sharedSecretPath,
    List<LinkedSecret> linkedSecrets,
    Optional<PrivateRegistry> privateRegistry,
    Optional<CsiVolume> volume,
    List<TemplateVariable> templateVariables,
    List<ConfigFile> configFiles,
    List<TlsCertificate> certificates,
    JobKind kind,
    List<String> regions,
    DeployMode deploy,
    List<String> notApplied,
    List<String> noEffect) {

  public RuntimeConfig {
    sharedSecretPath = Checks.orEmpty(sharedSecretPath);
    linkedSecrets = copy(linkedSecrets);
    privateRegistry = privateRegistry == null ? Optional.empty() : privateRegistry;
    volume = volume == null ? Optional.empty() : volume;
    templateVariables = copy(templateVariables);
    configFiles = copy(configFiles);
    certificates = copy(certificates);
    kind = kind == null ? JobKind.service() : kind;
    regions = copy(regions);
    deploy = deploy == null ? DeployMode.NOMAD : deploy;
    notApplied = copy(notApplied);
    noEffect = copy(noEffect);
  }

  /** Nothing beyond the image and its ports. */
  public static RuntimeConfig none() {
    return new RuntimeConfig(
        "",
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        JobKind.service(),
        List.of(),
        DeployMode.NOMAD,
        List.of(),
        List.of());
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** What the {@code deploy} parameter asks for. */
  public enum DeployMode {
    /** register the job with Nomad ({@code nomad-pack}, {@code nomadpack} or unset) */
    NOMAD,
    /** write nothing to Nomad ({@code noop}) */
    NOOP
  }

  /**
   * {@code vaultLinkedSecrets[i]}: the variable {@code name} is set, when the task starts, to
   * {@code parts} joined, where each part is literal text or the value of another variable.
   */
  public record LinkedSecret(String name, List<TemplateText.Part> parts) {
    public LinkedSecret {
      parts = List.copyOf(parts);
    }
  }

  /** The user's own registry: its credentials are the KV secret {@code <name>/<provider>}. */
  public record PrivateRegistry(String name, String provider) {}

  /**
   * A CSI volume: {@code id} with any {@code [n]} suffix removed (Nomad adds the allocation's index
   * itself), mounted at each of {@code mountPaths}.
   */
  public record CsiVolume(String id, List<String> mountPaths) {
    public CsiVolume {
      mountPaths = List.copyOf(mountPaths);
    }
  }

  /**
   * {@code templateStringVariables[i]}: when service {@code serviceName} has an instance, the
   * variable {@code name} is {@code pattern} with the linked variables (read from the project's
   * secret {@code serviceSecretPath}) and the instance's address and port filled in.
   */
  public record TemplateVariable(
      String name,
      List<TemplateText.Part> pattern,
      String serviceName,
      String serviceSecretPath,
      List<String> linkedVars) {
    public TemplateVariable {
      pattern = List.copyOf(pattern);
      linkedVars = List.copyOf(linkedVars);
    }
  }

  /** {@code configFiles[i]}: a file at {@code /<path>}, its content still base64. */
  public record ConfigFile(String path, String base64Content) {
    @Override
    public String toString() {
      return "ConfigFile[" + path + "]";
    }
  }

  /**
   * {@code tls}: a certificate for {@code commonName} issued by the PKI secret engine at {@code
   * pkiPath}, valid for {@code ttl}, written to {@code certPath} and its key to {@code keyPath}.
   */
  public record TlsCertificate(
      String certPath, String keyPath, String commonName, String pkiPath, String ttl) {}
}
