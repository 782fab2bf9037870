package io.dispatch.lifecycle.jobspec;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.ConsulSpec;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.JobKind;
import io.dispatch.lifecycle.params.PlatformNames;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.Resources;
import io.dispatch.lifecycle.params.RestartPolicy;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.RuntimeConfig.ConfigFile;
import io.dispatch.lifecycle.params.RuntimeConfig.DeployMode;
import io.dispatch.lifecycle.params.RuntimeConfig.LinkedSecret;
import io.dispatch.lifecycle.params.RuntimeConfig.TemplateVariable;
import io.dispatch.lifecycle.params.RuntimeConfig.TlsCertificate;
import io.dispatch.lifecycle.params.ServiceSpec;
import io.dispatch.lifecycle.params.TemplateText;
import io.dispatch.lifecycle.params.UpdatePolicy;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.portdetector.HealthCheck;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.portdetector.NetworkEntry;
import io.dispatch.portdetector.NetworkPlan;
import io.dispatch.portdetector.PortType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Job requests for tests, named for what they show, and a builder for variations. */
public final class JobRequests {

  public static final String DIGEST =
      "sha256:3b1f0c5e9a7d2468ace13579bdf02468ace13579bdf02468ace13579bdf02468";

  private JobRequests() {}

  /** The smallest request: one http port, image on Docker Hub, no credentials. */
  public static JobRequest minimal(String jobId) {
    return builder(jobId).build();
  }

  public static Builder builder(String jobId) {
    return new Builder(jobId);
  }

  public static NetworkEntry http(int port, String domain, String path) {
    HealthCheck check =
        new HealthCheck(
            HealthCheck.Type.HTTP, path, Duration.ofSeconds(10), Duration.ofSeconds(2), port);
    return new NetworkEntry(port, PortType.HTTP, !domain.isEmpty(), domain, "", "http", check);
  }

  public static NetworkEntry tcp(int port, boolean isPublic, String domain) {
    return new NetworkEntry(
        port,
        PortType.TCP,
        isPublic,
        domain,
        "",
        "tcp",
        HealthCheck.defaultFor(PortType.TCP, port));
  }

  /**
   * A request using every field: three ports of each kind, credentials, a node pool, and every
   * runtime field of contract §7.
   */
  public static JobRequest everything() {
    NetworkEntry web =
        new NetworkEntry(
            8080,
            PortType.HTTP,
            true,
            "app",
            "shop.example.org",
            "http",
            new HealthCheck(
                HealthCheck.Type.HTTP,
                "/healthz",
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                8080));
    NetworkEntry db = tcp(5432, false, "");
    NetworkEntry metrics =
        new NetworkEntry(
            9100,
            PortType.HTTP,
            false,
            "",
            "",
            "none",
            new HealthCheck(HealthCheck.Type.NONE, "", null, null, 9100));
    return builder("web-app")
        .project("prj_456")
        .replicas(2)
        .resources(new Resources(500, 512, 0, ""))
        .restart(RestartPolicy.fromParameters("fail", 2))
        .user("1000:1000")
        .networks(web, db, metrics)
        .consul(
            new ConsulSpec(
                "Web",
                List.of("team-a"),
                0,
                List.of(
                    new ConsulSpec.LinkedService("DATABASE_ADDR", "postgres"),
                    new ConsulSpec.LinkedService("CACHE_HOST", "redis_HOST"))))
        .nodePool("minions")
        .clusterDomain("apps.example.test")
        .image("ghcr.io/acme/web-app:1.4.2", DIGEST)
        .imageMetadata(
            new ImageMetadata(
                List.of("8080/tcp"),
                List.of(),
                "1000",
                List.of("--port", "8080"),
                List.of("/app/run")))
        .credentials(RegistryCredentials.of("ghcr.io", "robot", "s3cr3t-registry-password"))
        .runtime(everythingRuntime())
        .runId("run-7f3a")
        .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .build();
  }

  /** Every runtime field: shared secrets, linked secrets, templates, files, TLS, regions. */
  public static RuntimeConfig everythingRuntime() {
    return new RuntimeConfig(
        "shared/common",
        List.of(
            new LinkedSecret(
                "DATABASE_URL",
                TemplateText.shellValue("postgres://${DB_USER}:$DB_PASSWORD@db/app", "t"))),
        Optional.empty(),
        Optional.empty(),
        List.of(
            new TemplateVariable(
                "REDIS_URL",
                TemplateText.pattern(
                    "redis://:{{ $password }}@{{ .Address }}:{{ .Port }}/0",
                    Set.of("password"),
                    "p"),
                "redis",
                "redis/credentials",
                List.of("password"))),
        List.of(new ConfigFile("etc/app/config.yaml", "bGlzdGVuOiA4MDgwCg==")),
        List.of(
            new TlsCertificate(
                "secrets/tls.crt", "secrets/tls.key", "app.example.test", "pki/issue/apps", "72h")),
        JobKind.service(),
        List.of("eu-west", "eu-central"),
        DeployMode.NOMAD,
        List.of(),
        List.of());
  }

  /** A builder of requests; every part has a plain default. */
  public static final class Builder {
    private String jobId;
    private String projectId = "";
    private String ownerId = "owner";
    private int replicas = 1;
    private Resources resources;
    private RestartPolicy restart;
    private UpdatePolicy update;
    private String command = "";
    private List<String> entrypoint = List.of();
    private String user = "";
    private String startCommand = "";
    private List<NetworkEntry> networks = new ArrayList<>(List.of(http(8080, "", "/")));
    private ConsulSpec consul;
    private String nodePool = "";
    private String clusterDomain = "";
    private RuntimeConfig runtime = RuntimeConfig.none();
    private ImageConfig image = image("nginx:1.27", "", ImageMetadata.empty());
    private Optional<RegistryCredentials> credentials = Optional.empty();
    private PlatformNames platform = PlatformNames.defaults();
    private String serviceProvider = "nomad";
    private String platformRegistry = "";
    private String namespace = "default";
    private String region = "";
    private String runId = "run-0001";
    private String traceId = "";

    private Builder(String jobId) {
      this.jobId = jobId;
    }

    public Builder project(String v) {
      projectId = v;
      return this;
    }

    public Builder owner(String v) {
      ownerId = v;
      return this;
    }

    public Builder replicas(int v) {
      replicas = v;
      return this;
    }

    public Builder resources(Resources v) {
      resources = v;
      return this;
    }

    public Builder restart(RestartPolicy v) {
      restart = v;
      return this;
    }

    public Builder update(UpdatePolicy v) {
      update = v;
      return this;
    }

    public Builder command(String v) {
      command = v;
      return this;
    }

    public Builder entrypoint(List<String> v) {
      entrypoint = v;
      return this;
    }

    public Builder user(String v) {
      user = v;
      return this;
    }

    public Builder startCommand(String v) {
      startCommand = v;
      return this;
    }

    public Builder networks(NetworkEntry... v) {
      networks = List.of(v);
      return this;
    }

    public Builder consul(ConsulSpec v) {
      consul = v;
      return this;
    }

    public Builder nodePool(String v) {
      nodePool = v;
      return this;
    }

    public Builder clusterDomain(String v) {
      clusterDomain = v;
      return this;
    }

    public Builder runtime(RuntimeConfig v) {
      runtime = v;
      return this;
    }

    public Builder image(String name, String digest) {
      image = image(name, digest, ImageMetadata.empty());
      return this;
    }

    public Builder imageMetadata(ImageMetadata metadata) {
      image = new ImageConfig(image.reference(), image.digest(), metadata, image.source(), 0);
      return this;
    }

    public Builder credentials(Optional<RegistryCredentials> v) {
      credentials = v;
      return this;
    }

    public Builder platform(PlatformNames v) {
      platform = v;
      return this;
    }

    public Builder serviceProvider(String v) {
      serviceProvider = v;
      return this;
    }

    public Builder platformRegistry(String v) {
      platformRegistry = v;
      return this;
    }

    public Builder namespaceAndRegion(String ns, String r) {
      namespace = ns;
      region = r;
      return this;
    }

    public Builder runId(String v) {
      runId = v;
      return this;
    }

    public Builder traceId(String v) {
      traceId = v;
      return this;
    }

    public JobRequest build() {
      ServiceSpec service =
          new ServiceSpec(
              replicas,
              resources,
              restart,
              update,
              command,
              entrypoint,
              user,
              startCommand,
              networks,
              consul,
              nodePool,
              clusterDomain);
      Release release =
          new Release(
              new DeploymentIdentity(
                  jobId, "gdeployment_0001", "svc_123", 42, 7, ownerId, "", projectId),
              service,
              runtime,
              image,
              new NetworkPlan(service.networks(), false),
              credentials,
              runId,
              traceId);
      return new JobRequest(
          release, new JobSettings(serviceProvider, platform, platformRegistry, namespace, region));
    }

    private static ImageConfig image(String name, String digest, ImageMetadata metadata) {
      return new ImageConfig(ImageReference.parse(name, ""), digest, metadata, "registry", 0);
    }
  }
}
