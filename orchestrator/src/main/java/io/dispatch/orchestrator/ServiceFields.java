package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.params.ConsulSpec;
import io.dispatch.lifecycle.params.InvalidParameterException;
import io.dispatch.lifecycle.params.Resources;
import io.dispatch.lifecycle.params.RestartPolicy;
import io.dispatch.lifecycle.params.ServiceSpec;
import io.dispatch.lifecycle.params.TemplateText;
import io.dispatch.lifecycle.params.UpdatePolicy;
import io.dispatch.portdetector.GoDuration;
import io.dispatch.portdetector.HealthCheck;
import io.dispatch.portdetector.NetworkEntry;
import io.dispatch.portdetector.PortType;
import java.time.Duration;
import java.util.List;

/** Reads the fields that shape the Nomad job: resources, restart, update, networks, naming. */
final class ServiceFields {

  private static final Duration MIN_CHECK_PERIOD = Duration.ofSeconds(1);

  /** The longest duration a parameter may give (a check period, an update deadline). */
  static final Duration MAX_DURATION = Duration.ofHours(24);

  private final JsonFields p;

  ServiceFields(JsonFields p) {
    this.p = p;
  }

  /**
   * The service spec.
   *
   * @param clusterDomain the suffix for bare domain labels when the parameters have no {@code
   *     clusterDomain} ({@code CLUSTER_DOMAIN})
   */
  ServiceSpec spec(String startCommand, String clusterDomain) {
    return new ServiceSpec(
        p.flexInt("replicaCount"),
        new Resources(p.flexInt("cpu"), p.flexInt("ram"), p.flexInt("gpu"), p.string("gpu_model")),
        RestartPolicy.fromParameters(p.string("restartMode"), p.plainInt("restartAttempts")),
        p.object("update").map(ServiceFields::update).orElse(UpdatePolicy.defaults()),
        p.text("command"),
        p.strings("entrypoint"),
        p.string("docker_user"),
        startCommand,
        p.objects("networks").stream().map(ServiceFields::network).toList(),
        p.object("consul").map(ServiceFields::consul).orElse(ConsulSpec.none()),
        p.string("node_pool"),
        p.string("clusterDomain").isBlank() ? clusterDomain : p.string("clusterDomain"));
  }

  private static UpdatePolicy update(JsonFields u) {
    UpdatePolicy d = UpdatePolicy.defaults();
    int maxParallel = u.flexInt("maxParallel");
    // Without a canary parameter, one canary promoted once healthy: a redeploy never goes down.
    int canary = u.has("canary") ? u.flexInt("canary") : d.canary();
    return new UpdatePolicy(
        maxParallel == 0 ? d.maxParallel() : maxParallel,
        duration(u, "minHealthyTime", d.minHealthyTime(), true),
        duration(u, "healthyDeadline", d.healthyDeadline(), false),
        duration(u, "progressDeadline", d.progressDeadline(), true),
        u.bool("autoRevert", d.autoRevert()),
        u.bool("autoPromote", canary > 0),
        canary);
  }

  private static NetworkEntry network(JsonFields n) {
    int port = n.flexInt("portNumber");
    if (port == 0 && !n.has("portNumber")) {
      throw new InvalidParameterException(n.field("portNumber"), "is required");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidParameterException(n.field("portNumber"), "must be between 1 and 65535");
    }
    String typeText = n.string("portType");
    PortType type =
        typeText.isBlank()
            ? PortType.forPort(port)
            : PortType.parse(typeText)
                .orElseThrow(
                    () ->
                        new InvalidParameterException(
                            n.field("portType"), "must be http, tcp or none"));
    HealthCheck check =
        n.object("health_check")
            .map(h -> healthCheck(h, type, port))
            .orElse(defaultCheck(type, port));
    String hasCheck = n.string("has_health_check");
    return new NetworkEntry(
        port,
        type,
        n.bool("public", false),
        Checks.hostName(n.string("domain"), n.field("domain")),
        Checks.hostName(n.string("custom_domain"), n.field("custom_domain")),
        hasCheck.isBlank() ? check.type().wire() : hasCheck,
        check);
  }

  private static HealthCheck defaultCheck(PortType type, int port) {
    return type == PortType.NONE
        ? new HealthCheck(HealthCheck.Type.NONE, "", null, null, port)
        : HealthCheck.defaultFor(type, port);
  }

  private static HealthCheck healthCheck(JsonFields h, PortType portType, int port) {
    String typeText = h.string("type");
    HealthCheck.Type type =
        typeText.isBlank()
            ? defaultCheck(portType, port).type()
            : HealthCheck.Type.parse(typeText)
                .orElseThrow(
                    () ->
                        new InvalidParameterException(
                            h.field("type"), "must be http, tcp or none"));
    int checkPort = h.flexInt("port");
    if (checkPort != 0 && (checkPort < 1 || checkPort > 65535)) {
      throw new InvalidParameterException(h.field("port"), "must be between 1 and 65535");
    }
    return new HealthCheck(
        type,
        h.string("path").strip(),
        checkPeriod(h, "interval"),
        checkPeriod(h, "timeout"),
        checkPort == 0 ? port : checkPort);
  }

  private static Duration checkPeriod(JsonFields h, String key) {
    Duration d = duration(h, key, HealthCheck.DEFAULT_PERIOD, false);
    if (d.compareTo(MIN_CHECK_PERIOD) < 0) {
      throw new InvalidParameterException(h.field(key), "must be at least 1s");
    }
    return d;
  }

  private static Duration duration(
      JsonFields o, String key, Duration defaultValue, boolean zeroAllowed) {
    String text = o.string(key);
    if (text.isBlank()) {
      return defaultValue;
    }
    Duration d =
        GoDuration.parse(text)
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        o.field(key), "must be a duration such as 30s, 5m or 1h30m"));
    if (d.isZero() && !zeroAllowed) {
      throw new InvalidParameterException(o.field(key), "must be longer than 0s");
    }
    if (d.compareTo(MAX_DURATION) > 0) {
      throw new InvalidParameterException(o.field(key), "must be at most 24h");
    }
    return d;
  }

  private static ConsulSpec consul(JsonFields c) {
    List<ConsulSpec.LinkedService> linked =
        c.objects("linkedServices").stream()
            .map(
                l ->
                    new ConsulSpec.LinkedService(
                        TemplateText.variable(l.string("variableName"), l.field("variableName")),
                        TemplateText.id(
                            l.string("consulServiceName"), l.field("consulServiceName"))))
            .toList();
    String name = c.string("serviceName");
    return new ConsulSpec(
        name.isBlank() ? "" : TemplateText.id(name, c.field("serviceName")),
        c.strings("tags"),
        c.flexInt("servicePort"),
        linked);
  }
}
