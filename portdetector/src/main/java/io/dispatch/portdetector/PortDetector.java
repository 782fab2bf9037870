package io.dispatch.portdetector;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/** The port and network rules of the contract (section 3), as pure functions. */
public final class PortDetector {

  /** The port assumed when an image says nothing: what zero-config builders listen on. */
  public static final int DEFAULT_PORT = 3000;

  /** The port assumed for a Dockerfile build whose image exposes nothing. */
  public static final int DOCKERFILE_DEFAULT_PORT = 8000;

  private PortDetector() {}

  /**
   * The ports an image listens on: its {@code ExposedPorts}, else {@code PORT=<n>} in its
   * environment, else {@code defaultPort}. Ascending, without duplicates (a port exposed as both
   * tcp and udp counts once).
   */
  public static List<Integer> detectPorts(ImageMetadata image, int defaultPort) {
    Objects.requireNonNull(image, "image");
    TreeSet<Integer> ports = new TreeSet<>();
    for (String key : image.exposedPorts()) {
      ExposedPort.parse(key).forEach(p -> ports.add(p.number()));
    }
    if (ports.isEmpty()) {
      for (String entry : image.env()) {
        ExposedPort.fromEnv(entry).ifPresent(ports::add);
      }
    }
    if (ports.isEmpty()) {
      ports.add(defaultPort);
    }
    return List.copyOf(ports);
  }

  /**
   * The networks to expose: the requested ones as given, or, when none were requested, one
   * zero-config entry per detected port.
   */
  public static NetworkPlan plan(List<NetworkEntry> requested, List<Integer> detectedPorts) {
    if (requested != null && !requested.isEmpty()) {
      return new NetworkPlan(requested, false);
    }
    return new NetworkPlan(
        detectedPorts.stream().sorted().distinct().map(NetworkEntry::zeroConfig).toList(), true);
  }

  /**
   * The full domain for an answer of the backend's {@code ask-domain}: {@code
   * <answer>.<clusterDomain>} unless the answer already ends with the cluster domain.
   */
  public static String qualifyDomain(String answer, String clusterDomain) {
    String sub = answer.strip().toLowerCase(Locale.ROOT);
    String cluster =
        clusterDomain == null
            ? ""
            : clusterDomain.strip().replaceAll("^\\.+", "").toLowerCase(Locale.ROOT);
    if (cluster.isEmpty() || sub.equals(cluster) || sub.endsWith("." + cluster)) {
      return sub;
    }
    return sub + "." + cluster;
  }
}
