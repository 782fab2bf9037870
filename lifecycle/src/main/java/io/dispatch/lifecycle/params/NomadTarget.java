package io.dispatch.lifecycle.params;

/**
 * The Nomad cluster to talk to.
 *
 * @param address e.g. {@code https://nomad.example.com:4646}; a {@link Urls#endpoint}
 * @param token the ACL token or workload identity, or empty; never printed
 * @param region the region, or empty for the agent's own
 * @param namespace the namespace, or empty for {@code default}
 * @param caCertFile a PEM CA file for TLS, or empty
 */
public record NomadTarget(
    String address, String token, String region, String namespace, String caCertFile) {

  public static final String DEFAULT_ADDRESS = "http://127.0.0.1:4646";

  public NomadTarget {
    address =
        address == null || address.isBlank()
            ? DEFAULT_ADDRESS
            : address.strip().replaceAll("/+$", "");
    Urls.endpoint(address, "nomadAddress");
    token = Checks.orEmpty(token);
    region = Checks.orEmpty(region);
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    caCertFile = Checks.orEmpty(caCertFile);
  }

  @Override
  public String toString() {
    return "NomadTarget[address="
        + address
        + ", token="
        + (token.isEmpty() ? "none" : "***")
        + ", region="
        + region
        + ", namespace="
        + namespace
        + "]";
  }
}
