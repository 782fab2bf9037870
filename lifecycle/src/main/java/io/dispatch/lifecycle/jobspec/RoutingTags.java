package io.dispatch.lifecycle.jobspec;

import io.dispatch.portdetector.NetworkEntry;
import io.dispatch.portdetector.PortType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tags the platform's router reads (contract §8). A public entry gets {@code blue}, {@code
 * urlprefix-<fqdn>}, {@code custom-<domain>} and, for TCP, {@code tcp-lb}; its canaries get {@code
 * green}, {@code urlprefix-canary-<fqdn>} and {@code custom-canary-<domain>} instead, so the router
 * never sends traffic to a version that is not yet healthy. A private entry gets {@code blue} and
 * nothing any load balancer routes by. The user's own tags (which may not use these prefixes) are
 * added to both.
 */
final class RoutingTags {

  /** The tags of one service: what its instances carry, and what its canaries carry instead. */
  record Tags(List<String> tags, List<String> canaryTags) {}

  private RoutingTags() {}

  static Tags of(NetworkEntry entry, String clusterDomain, List<String> userTags) {
    List<String> tags = new ArrayList<>(List.of("blue"));
    List<String> canary = new ArrayList<>();
    if (entry.isPublic()) {
      canary.add("green");
      if (entry.hasDomain()) {
        String fqdn = fqdn(entry.domain(), clusterDomain);
        tags.add("urlprefix-" + fqdn);
        canary.add("urlprefix-canary-" + fqdn);
      }
      if (!entry.customDomain().isEmpty()) {
        tags.add("custom-" + entry.customDomain());
        canary.add("custom-canary-" + entry.customDomain());
      }
      if (entry.type() == PortType.TCP) {
        tags.add("tcp-lb");
      }
      canary.addAll(userTags);
    }
    tags.addAll(userTags);
    return new Tags(List.copyOf(tags), List.copyOf(canary));
  }

  /**
   * The routed host name: a domain with a dot is complete; a bare label gets {@code
   * .<clusterDomain>} (once), or stays bare when there is no cluster domain.
   */
  static String fqdn(String domain, String clusterDomain) {
    String d = domain.strip().toLowerCase(Locale.ROOT);
    String cluster = clusterDomain.strip().replaceAll("^\\.+", "").toLowerCase(Locale.ROOT);
    if (d.contains(".") || cluster.isEmpty()) {
      return d;
    }
    return d + "." + cluster;
  }
}
