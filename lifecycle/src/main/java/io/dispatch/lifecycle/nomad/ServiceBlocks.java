package io.dispatch.lifecycle.nomad;

import com.hashicorp.nomad.apimodel.NetworkResource;
import com.hashicorp.nomad.apimodel.Port;
import com.hashicorp.nomad.apimodel.Service;
import com.hashicorp.nomad.apimodel.ServiceCheck;
import io.dispatch.portdetector.HealthCheck;
import io.dispatch.portdetector.NetworkEntry;
import io.dispatch.portdetector.PortType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The group's network and services: one dynamic host port per network entry, labelled with the
 * container port it maps to, and one service per port with its check and routing tags.
 */
final class ServiceBlocks {

  /** RFC 1123 labels are at most 63 characters. */
  static final int MAX_SERVICE_NAME = 63;

  private final JobRequest request;
  private final Map<Integer, NetworkEntry> byPort = new LinkedHashMap<>();

  ServiceBlocks(JobRequest request) {
    this.request = request;
    for (NetworkEntry entry : request.networks().entries()) {
      byPort.putIfAbsent(entry.port(), entry);
    }
  }

  /** The port labels, in entry order: the container port numbers as text. */
  List<String> portLabels() {
    return byPort.keySet().stream().map(ServiceBlocks::label).toList();
  }

  /** One host-mode network with a dynamic port per entry, or none when there are no entries. */
  List<NetworkResource> networks() {
    if (byPort.isEmpty()) {
      return null;
    }
    List<Port> ports = new ArrayList<>();
    for (int port : byPort.keySet()) {
      ports.add(new Port().setLabel(label(port)).setTo(port));
    }
    return List.of(new NetworkResource().setMode("host").setDynamicPorts(ports));
  }

  /** One service per entry, or none when there are no entries. */
  List<Service> services() {
    if (byPort.isEmpty()) {
      return null;
    }
    List<Service> services = new ArrayList<>();
    for (NetworkEntry entry : byPort.values()) {
      services.add(service(entry));
    }
    return services;
  }

  private Service service(NetworkEntry entry) {
    String name = serviceName(request.groupName(), entry.port());
    Service service =
        new Service().setName(name).setPortLabel(label(entry.port())).setTags(tags(entry));
    // The SDK's Service has no Provider; Nomad's default is consul, which cannot be placed on
    // clusters without Consul. Always say which one we mean.
    service.addUnmappedProperty("Provider", request.serviceProvider());
    HealthCheck check = entry.healthCheck();
    if (check.type() != HealthCheck.Type.NONE) {
      service.setChecks(List.of(check(name, entry, check)));
    }
    return service;
  }

  private ServiceCheck check(String serviceName, NetworkEntry entry, HealthCheck check) {
    int port = byPort.containsKey(check.port()) ? check.port() : entry.port();
    ServiceCheck c =
        new ServiceCheck()
            .setName(serviceName + "-health")
            .setType(check.type().wire())
            .setPortLabel(label(port))
            .setInterval(check.interval().toNanos())
            .setTimeout(check.timeout().toNanos());
    if (check.type() == HealthCheck.Type.HTTP) {
      c.setPath(check.path());
    }
    return c;
  }

  private List<String> tags(NetworkEntry entry) {
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    if (entry.isPublic() && entry.hasDomain()) {
      tags.add("urlprefix-" + entry.domain());
    }
    if (!entry.customDomain().isEmpty()) {
      tags.add("custom-" + entry.customDomain());
    }
    if (entry.type() == PortType.TCP) {
      tags.add("tcp-lb");
    }
    tags.addAll(request.service().consul().tags());
    return List.copyOf(tags);
  }

  static String label(int port) {
    return Integer.toString(port);
  }

  /**
   * {@code <group>-<port>} as an RFC 1123 label: lower-case letters, digits and '-', starting and
   * ending with a letter or digit, at most 63 characters.
   */
  static String serviceName(String group, int port) {
    String base =
        group
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("-{2,}", "-")
            .replaceAll("^-+|-+$", "");
    if (base.isEmpty()) {
      base = "service";
    }
    String suffix = "-" + port;
    if (base.length() + suffix.length() > MAX_SERVICE_NAME) {
      base = base.substring(0, MAX_SERVICE_NAME - suffix.length()).replaceAll("-+$", "");
    }
    return base + suffix;
  }
}
