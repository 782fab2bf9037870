package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.RestartPolicy;
import io.dispatch.lifecycle.params.RuntimeConfig.CsiVolume;
import io.dispatch.portdetector.HealthCheck;
import io.dispatch.portdetector.NetworkEntry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The job's one task group: instances, one dynamic host port per network entry (labelled with the
 * container port it maps to), one service per port with its check and routing tags, the CSI volume,
 * the restart policy and the task.
 */
final class Group {

  /** The restart window and delay Nomad uses by default for services; made explicit here. */
  static final Duration RESTART_INTERVAL = Duration.ofMinutes(30);

  static final Duration RESTART_DELAY = Duration.ofSeconds(15);

  /** RFC 1123 labels are at most 63 characters. */
  static final int MAX_SERVICE_NAME = 63;

  private Group() {}

  static ObjectNode of(JobRequest request) {
    Map<Integer, NetworkEntry> byPort = new LinkedHashMap<>();
    request.networks().entries().forEach(e -> byPort.putIfAbsent(e.port(), e));
    String type = request.runtime().kind().type();
    ObjectNode group = Json.object().put("Name", request.groupName());
    if (!type.equals("system") && !type.equals("sysbatch")) {
      group.put("Count", request.service().replicaCount());
    }
    request.runtime().volume().ifPresent(v -> group.set("Volumes", volumes(v)));
    if (!byPort.isEmpty()) {
      ArrayNode ports = Json.array();
      byPort.keySet().forEach(p -> ports.add(Json.object().put("Label", label(p)).put("To", p)));
      ObjectNode network = Json.object().put("Mode", "host");
      network.set("DynamicPorts", ports);
      group.set("Networks", Json.array().add(network));
      ArrayNode services = Json.array();
      byPort.values().forEach(e -> services.add(service(request, e, byPort)));
      group.set("Services", services);
    }
    RestartPolicy restart = request.service().restart();
    group.set(
        "RestartPolicy",
        Json.object()
            .put("Attempts", restart.attempts())
            .put("Interval", Json.nanos(RESTART_INTERVAL))
            .put("Delay", Json.nanos(RESTART_DELAY))
            .put("Mode", restart.mode()));
    List<String> labels = byPort.keySet().stream().map(Group::label).toList();
    group.set("Tasks", Json.array().add(Task.of(request, labels)));
    return group;
  }

  /** The pack's CSI volume: per allocation, written by one node at a time. */
  private static ObjectNode volumes(CsiVolume v) {
    ObjectNode volume =
        Json.object()
            .put("Name", v.id())
            .put("Type", "csi")
            .put("Source", v.id())
            .put("ReadOnly", false)
            .put("AccessMode", "single-node-writer")
            .put("AttachmentMode", "file-system")
            .put("PerAlloc", true);
    ObjectNode volumes = Json.object();
    volumes.set(v.id(), volume);
    return volumes;
  }

  private static ObjectNode service(
      JobRequest request, NetworkEntry entry, Map<Integer, NetworkEntry> byPort) {
    String name = serviceName(request.groupName(), entry.port());
    RoutingTags.Tags tags =
        RoutingTags.of(entry, request.service().clusterDomain(), request.service().consul().tags());
    ObjectNode service =
        Json.object()
            .put("Name", name)
            .put("PortLabel", label(entry.port()))
            .put("Provider", request.settings().serviceProvider());
    service.set("Tags", Json.strings(tags.tags()));
    if (!tags.canaryTags().isEmpty()) {
      service.set("CanaryTags", Json.strings(tags.canaryTags()));
    }
    HealthCheck check = entry.healthCheck();
    if (check.type() != HealthCheck.Type.NONE) {
      int port = byPort.containsKey(check.port()) ? check.port() : entry.port();
      ObjectNode c =
          Json.object()
              .put("Name", name + "-health")
              .put("Type", check.type().wire())
              .put("PortLabel", label(port))
              .put("Interval", Json.nanos(check.interval()))
              .put("Timeout", Json.nanos(check.timeout()));
      if (check.type() == HealthCheck.Type.HTTP) {
        c.put("Path", check.path());
      }
      service.set("Checks", Json.array().add(c));
    }
    return service;
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
