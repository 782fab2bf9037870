package io.dispatch.portdetector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The networks a deployment will expose, before and after domains are assigned.
 *
 * @param entries one entry per exposed port, in order
 * @param zeroConfig true when the entries came from detected ports rather than the parameters
 */
public record NetworkPlan(List<NetworkEntry> entries, boolean zeroConfig) {

  public NetworkPlan {
    entries = List.copyOf(entries);
  }

  /** The ports of entries that have no domain yet, each once, in entry order. */
  public List<Integer> portsWithoutDomain() {
    LinkedHashSet<Integer> ports = new LinkedHashSet<>();
    for (NetworkEntry e : entries) {
      if (!e.hasDomain()) {
        ports.add(e.port());
      }
    }
    return List.copyOf(ports);
  }

  /**
   * Fills in allocated domains. Only entries without a domain change: a domain the user chose is
   * never overwritten. Zero-config entries that get a domain become public; requested entries keep
   * their {@code public} flag.
   */
  public NetworkPlan withDomains(Map<Integer, String> allocatedByPort) {
    List<NetworkEntry> out = new ArrayList<>(entries.size());
    for (NetworkEntry e : entries) {
      String allocated = allocatedByPort.get(e.port());
      if (!e.hasDomain() && allocated != null && !allocated.isBlank()) {
        out.add(e.withDomain(allocated, zeroConfig));
      } else {
        out.add(e);
      }
    }
    return new NetworkPlan(out, zeroConfig);
  }

  /** The container ports, in entry order. */
  public List<Integer> ports() {
    return entries.stream().map(NetworkEntry::port).toList();
  }
}
