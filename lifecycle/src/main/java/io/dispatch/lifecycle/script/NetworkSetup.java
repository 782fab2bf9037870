package io.dispatch.lifecycle.script;

import io.dispatch.backend.DeploymentBackend;
import io.dispatch.backend.ServiceUpdate;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.ServiceSpec;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.Steps;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;
import io.dispatch.portdetector.GoDuration;
import io.dispatch.portdetector.HealthCheck;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.portdetector.NetworkEntry;
import io.dispatch.portdetector.NetworkPlan;
import io.dispatch.portdetector.PortDetector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shared path from an image to its networks: detect the ports, ask the backend for a domain for
 * each entry without one, then send the service update (contract section 3).
 */
final class NetworkSetup {

  static final String PHASE = "networks";

  private final Steps steps;
  private final Trace trace;
  private final DeploymentLog log;
  private final DeploymentBackend backend;

  NetworkSetup(Steps steps, Trace trace, DeploymentLog log, DeploymentBackend backend) {
    this.steps = steps;
    this.trace = trace;
    this.log = log;
    this.backend = backend;
  }

  NetworkPlan prepare(
      DeploymentIdentity identity, ServiceSpec service, ImageMetadata image, int defaultPort) {
    return steps.phase(
        PHASE,
        "",
        span -> {
          List<Integer> detected = PortDetector.detectPorts(image, defaultPort);
          NetworkPlan plan = PortDetector.plan(service.networks(), detected);
          span.attribute("ports.detected", detected);
          log.detail(
              plan.zeroConfig()
                  ? "ports from the image: " + join(detected)
                  : "ports as requested: "
                      + join(plan.ports())
                      + " (the image says "
                      + join(detected)
                      + ")");
          if (backend.enabled()) {
            plan = plan.withDomains(askDomains(plan, service.clusterDomain()));
            backend.updateService(serviceUpdate(identity, service, image, plan));
            trace.event("service-update", Span.Status.COMPLETED, "").attribute("queued", true);
          } else {
            log.detail("no backend configured: no domains are allocated");
          }
          span.attribute("ports", join(plan.ports()));
          span.attribute("summary", describe(plan));
          return plan;
        });
  }

  private Map<Integer, String> askDomains(NetworkPlan plan, String clusterDomain) {
    Map<Integer, String> allocated = new LinkedHashMap<>();
    for (int port : plan.portsWithoutDomain()) {
      Span call = trace.open("ask-domain").attribute("port", port);
      Optional<String> answer = backend.askDomain("port " + port);
      if (answer.isPresent()) {
        String domain = PortDetector.qualifyDomain(answer.get(), clusterDomain);
        allocated.put(port, domain);
        call.attribute("domain", domain);
        trace.close(call, Span.Status.COMPLETED, "");
      } else {
        trace.close(call, Span.Status.FAILED, "no domain for port " + port);
      }
    }
    return allocated;
  }

  /** The service update: parameters first, what the image says otherwise. */
  static ServiceUpdate serviceUpdate(
      DeploymentIdentity identity, ServiceSpec service, ImageMetadata image, NetworkPlan plan) {
    String user = service.dockerUser().isEmpty() ? image.user() : service.dockerUser();
    String cmd;
    String entrypoint;
    if (!service.startCommand().isEmpty()) {
      cmd = service.startCommand();
      entrypoint = "/bin/sh -c";
    } else {
      cmd = service.command().isEmpty() ? String.join(" ", image.cmd()) : service.command();
      entrypoint =
          String.join(
              " ", service.entrypoint().isEmpty() ? image.entrypoint() : service.entrypoint());
    }
    List<ServiceUpdate.Network> networks =
        plan.entries().stream().map(NetworkSetup::network).toList();
    return new ServiceUpdate(identity.serviceId(), networks, user, cmd, entrypoint);
  }

  private static ServiceUpdate.Network network(NetworkEntry e) {
    HealthCheck c = e.healthCheck();
    return new ServiceUpdate.Network(
        e.port(),
        e.type().wire(),
        e.isPublic(),
        e.domain(),
        e.hasHealthCheck(),
        new ServiceUpdate.HealthCheck(
            c.type().wire(),
            c.type() == HealthCheck.Type.HTTP ? c.path() : "",
            GoDuration.format(c.interval()),
            GoDuration.format(c.timeout()),
            c.port()));
  }

  private static String describe(NetworkPlan plan) {
    return plan.entries().stream()
        .map(
            e ->
                e.port()
                    + "/"
                    + e.type().wire()
                    + (e.hasDomain() ? " " + e.domain() + (e.isPublic() ? "" : " (private)") : ""))
        .collect(Collectors.joining(", "));
  }

  private static String join(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
