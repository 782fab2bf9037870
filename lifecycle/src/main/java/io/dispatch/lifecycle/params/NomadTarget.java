package io.dispatch.lifecycle.params;

import java.net.URI;

/**
 * The Nomad cluster to talk to.
 *
 * @param address e.g. {@code https://nomad.example.com:4646}
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
    URI uri;
    try {
      uri = URI.create(address);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("nomadAddress", "is not a URL");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new InvalidParameterException("nomadAddress", "must be an http:// or https:// URL");
    }
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
