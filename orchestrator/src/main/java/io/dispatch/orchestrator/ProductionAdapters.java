package io.dispatch.orchestrator;

import io.dispatch.lifecycle.cli.ZeroConfigBuilders;
import io.dispatch.lifecycle.docker.DaemonImageInspector;
import io.dispatch.lifecycle.docker.DockerEngine;
import io.dispatch.lifecycle.docker.DockerImageBuilder;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.nomad.NomadPorts;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.ports.ImageAdapters;
import io.dispatch.lifecycle.ports.JobDestroyer;
import io.dispatch.lifecycle.ports.NoopDeploy;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.lifecycle.ports.RepositoryAdapters;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.registry.RegistryClient;
import io.dispatch.lifecycle.registry.RegistryFirstImageInspector;
import io.dispatch.lifecycle.registry.RegistryOptions;
import io.dispatch.lifecycle.source.Sources;
import io.dispatch.lifecycle.trace.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The real adapters, built once per run at the edge and closed with it. */
final class ProductionAdapters implements AdapterFactory {

  @Override
  public Wired<ImageAdapters> image(ImageDeployment deployment, Run run) {
    List<AutoCloseable> opened = new ArrayList<>();
    ImageAdapters adapters =
        new ImageAdapters(images(run.settings(), opened), scheduler(deployment, run, opened));
    return new Wired<>(adapters, () -> closeAll(opened));
  }

  @Override
  public Wired<RepositoryAdapters> repository(RepositoryDeployment deployment, Run run) {
    List<AutoCloseable> opened = new ArrayList<>();
    RuntimeSettings settings = run.settings();
    DockerEngine docker = DockerEngine.connect(settings);
    opened.add(docker);
    ZeroConfigBuilders tools =
        new ZeroConfigBuilders(
            settings.toolEnvironment(), settings.dockerHost(), run.control(), run.log());
    // A repository deployment reads an image from a registry only with build.builder noop.
    ImageInspector images =
        (image, credentials, c) -> images(settings, opened).inspect(image, credentials, c);
    RepositoryAdapters adapters =
        new RepositoryAdapters(
            new Sources(run.control()),
            new DockerImageBuilder(docker, tools, run.control(), run.log()),
            images,
            scheduler(deployment, run, opened));
    return new Wired<>(adapters, () -> closeAll(opened));
  }

  @Override
  public Wired<JobDestroyer> destroy(Run run) {
    return Wired.of(NomadPorts.destroyer(run.settings(), run.control(), run.log()));
  }

  /** Nomad, or with {@code deploy: "noop"} the scheduler that writes nothing. */
  private static ServiceScheduler scheduler(
      ServiceDeployment deployment, Run run, List<AutoCloseable> opened) {
    if (deployment.runtime().deploy() == RuntimeConfig.DeployMode.NOOP) {
      return new NoopDeploy();
    }
    // Start-up: the Nomad client (HttpClient 4, TLS for an https address) is built when the
    // deploy step first needs it, not before the first log line; a dry run never does.
    return new OnFirstUse(
        () ->
            NomadPorts.scheduler(
                deployment.nomad(), run.settings(), run.control(), run.log(), run.trace()),
        opened);
  }

  /** Reads image configs through the registry API, pulling through the daemon only as fallback. */
  private static ImageInspector images(RuntimeSettings settings, List<AutoCloseable> opened) {
    RegistryClient registry = RegistryClient.create(RegistryOptions.defaults(settings));
    opened.add(registry);
    // The daemon is only needed when the registry cannot be read; connect to it then.
    ImageInspector daemon =
        (image, credentials, c) -> {
          DockerEngine docker = DockerEngine.connect(settings);
          opened.add(docker);
          return new DaemonImageInspector(docker).inspect(image, credentials, c);
        };
    return new RegistryFirstImageInspector(registry, daemon);
  }

  /** A Nomad scheduler opened on its first call, and then closed with the run. */
  private static final class OnFirstUse implements ServiceScheduler {
    private final Supplier<NomadPorts.Scheduler> open;
    private final List<AutoCloseable> opened;
    private NomadPorts.Scheduler scheduler;

    OnFirstUse(Supplier<NomadPorts.Scheduler> open, List<AutoCloseable> opened) {
      this.open = open;
      this.opened = opened;
    }

    private synchronized ServiceScheduler scheduler() {
      if (scheduler == null) {
        scheduler = open.get();
        opened.add(scheduler);
      }
      return scheduler;
    }

    @Override
    public RegisteredJob register(Release release, Span span) {
      return scheduler().register(release, span);
    }

    @Override
    public String awaitHealthy(RegisteredJob job, Span span) {
      return scheduler().awaitHealthy(job, span);
    }

    // skipReason(): none, as for the Nomad scheduler itself, which always writes.
  }

  private static void closeAll(List<AutoCloseable> opened) {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing is best-effort at the end of a run
      }
    }
  }
}
