package io.dispatch.portdetector;

import java.util.Objects;

/**
 * One port the service exposes, as the backend and the Nomad job see it.
 *
 * @param port the container port
 * @param type how the port is reached
 * @param isPublic whether the router publishes it under {@code domain}
 * @param domain the full domain, or empty
 * @param customDomain a user's own domain, or empty
 * @param hasHealthCheck passed through to the backend as given (it says which check is wanted)
 * @param healthCheck the check Nomad runs
 */
public record NetworkEntry(
    int port,
    PortType type,
    boolean isPublic,
    String domain,
    String customDomain,
    String hasHealthCheck,
    HealthCheck healthCheck) {

  public NetworkEntry {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1-65535");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(healthCheck, "healthCheck");
    domain = domain == null ? "" : domain.strip();
    customDomain = customDomain == null ? "" : customDomain.strip();
    hasHealthCheck = hasHealthCheck == null ? "" : hasHealthCheck;
  }

  /** The entry the zero-config rule makes for a detected port: private, no domain yet. */
  public static NetworkEntry zeroConfig(int port) {
    PortType type = PortType.forPort(port);
    HealthCheck check = HealthCheck.defaultFor(type, port);
    return new NetworkEntry(port, type, false, "", "", check.type().wire(), check);
  }

  public boolean hasDomain() {
    return !domain.isEmpty();
  }

  /** This entry with {@code domain} set; a zero-config entry that gets a domain becomes public. */
  public NetworkEntry withDomain(String newDomain, boolean makePublic) {
    return new NetworkEntry(
        port, type, isPublic || makePublic, newDomain, customDomain, hasHealthCheck, healthCheck);
  }
}
