package io.dispatch.orchestrator;

import io.dispatch.lifecycle.RuntimeSettings;
import io.dispatch.lifecycle.docker.DaemonImageInspector;
import io.dispatch.lifecycle.docker.DockerEngine;
import io.dispatch.lifecycle.docker.DockerImageBuilder;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.image.RegistryFirstImageInspector;
import io.dispatch.lifecycle.nomad.NomadPorts;
import io.dispatch.lifecycle.params.DestroyRequest;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.params.TaskRequest;
import io.dispatch.lifecycle.ports.Adapters;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.registry.RegistryClient;
import io.dispatch.lifecycle.registry.RegistryOptions;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.source.Sources;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The real adapters, built once per run at the edge and closed with it. */
final class ProductionAdapters implements AdapterFactory {

  @Override
  public Wired create(
      TaskRequest request,
      RuntimeSettings settings,
      RunControl control,
      DeploymentLog log,
      Trace trace) {
    List<AutoCloseable> opened = new ArrayList<>();
    if (request instanceof DestroyRequest) {
      return new Wired(
          new Adapters(null, null, null, null, NomadPorts.destroyer(settings, control, log)),
          () -> {});
    }
    NomadTarget nomad = ((ServiceDeployment) request).nomad();
    // Start-up: the Nomad client (HttpClient 4, the SDK's JSON, TLS for https addresses) is built
    // when the deploy step first needs it, not before the first log line; a dry run never does.
    ServiceScheduler scheduler =
        new OnFirstUse(() -> NomadPorts.scheduler(nomad, settings, control, log, trace), opened);
    Adapters adapters;
    if (request instanceof ImageDeployment) {
      RegistryClient registry = RegistryClient.create(RegistryOptions.defaults(settings));
      opened.add(registry);
      // The daemon is only needed when the registry cannot be read; connect to it then.
      ImageInspector daemon =
          (image, credentials, c) -> {
            DockerEngine docker = DockerEngine.connect(settings);
            opened.add(docker);
            return new DaemonImageInspector(docker).inspect(image, credentials, c);
          };
      adapters =
          new Adapters(
              new RegistryFirstImageInspector(registry, daemon), null, null, scheduler, null);
    } else {
      DockerEngine docker = DockerEngine.connect(settings);
      opened.add(docker);
      adapters =
          new Adapters(
              null,
              new Sources(control),
              new DockerImageBuilder(docker, control, log),
              scheduler,
              null);
    }
    return new Wired(adapters, () -> closeAll(opened));
  }

  /** A scheduler opened on its first call, and then closed with the run. */
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
