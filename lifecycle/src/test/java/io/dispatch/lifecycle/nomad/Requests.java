package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageReference;
import io.dispatch.lifecycle.params.ConsulSpec;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.Resources;
import io.dispatch.lifecycle.params.RestartPolicy;
import io.dispatch.lifecycle.params.ServiceSpec;
import io.dispatch.lifecycle.params.UpdatePolicy;
import io.dispatch.portdetector.HealthCheck;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.portdetector.NetworkEntry;
import io.dispatch.portdetector.NetworkPlan;
import io.dispatch.portdetector.PortType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Job requests for tests, named for what they show. */
final class Requests {

  static final String DIGEST =
      "sha256:3b1f0c5e9a7d2468ace13579bdf02468ace13579bdf02468ace13579bdf02468";

  private Requests() {}

  static DeploymentIdentity identity(String jobId) {
    return new DeploymentIdentity(jobId, "gdeployment_0001", "svc_123", 42, 7, "owner", "", "");
  }

  static ImageConfig image(String name) {
    return new ImageConfig(
        ImageReference.parse(name, ""), "", ImageMetadata.empty(), "registry", 0);
  }

  static NetworkEntry http(int port, String domain, String path) {
    HealthCheck check =
        new HealthCheck(
            HealthCheck.Type.HTTP, path, Duration.ofSeconds(10), Duration.ofSeconds(2), port);
    return new NetworkEntry(port, PortType.HTTP, !domain.isEmpty(), domain, "", "http", check);
  }

  static ServiceSpec service(String startCommand, List<NetworkEntry> networks) {
    return new ServiceSpec(
        1, null, null, null, "", List.of(), "", startCommand, networks, null, "", "");
  }

  /** The smallest request: one http port, image on Docker Hub, no credentials. */
  static JobRequest minimal(String jobId) {
    ServiceSpec service = service("", List.of(http(8080, "", "/")));
    return new JobRequest(
        identity(jobId),
        service,
        image("nginx:1.27"),
        new NetworkPlan(service.networks(), false),
        Optional.empty(),
        "nomad",
        "run-0001",
        "");
  }

  /** A request using every field: three ports of each kind, credentials, a node pool. */
  static JobRequest everything() {
    NetworkEntry web =
        new NetworkEntry(
            8080,
            PortType.HTTP,
            true,
            "app.example.com",
            "shop.example.org",
            "http",
            new HealthCheck(
                HealthCheck.Type.HTTP,
                "/healthz",
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                8080));
    NetworkEntry db =
        new NetworkEntry(
            5432, PortType.TCP, false, "", "", "tcp", HealthCheck.defaultFor(PortType.TCP, 5432));
    NetworkEntry metrics =
        new NetworkEntry(
            9100,
            PortType.HTTP,
            false,
            "",
            "",
            "none",
            new HealthCheck(HealthCheck.Type.NONE, "", null, null, 9100));
    ServiceSpec service =
        new ServiceSpec(
            2,
            new Resources(500, 512, 0, ""),
            RestartPolicy.fromParameters("fail", 2),
            new UpdatePolicy(
                1,
                Duration.ofSeconds(10),
                Duration.ofMinutes(3),
                Duration.ofMinutes(10),
                true,
                false,
                0),
            "",
            List.of(),
            "1000:1000",
            "",
            List.of(web, db, metrics),
            new ConsulSpec("Web", List.of("team-web"), 0, List.of()),
            "minions",
            "");
    ImageConfig image =
        new ImageConfig(
            ImageReference.parse("ghcr.io/acme/web-app:1.4.2", ""),
            DIGEST,
            ImageMetadata.empty(),
            "registry",
            0);
    return new JobRequest(
        identity("web-app"),
        service,
        image,
        new NetworkPlan(service.networks(), false),
        RegistryCredentials.of("ghcr.io", "robot", "s3cr3t-registry-password"),
        "nomad",
        "run-7f3a",
        "4bf92f3577b34da6a3ce929d0e0e4736");
  }

  static NomadTarget target(String address, String token) {
    return new NomadTarget(address, token, "", "default", "");
  }
}
