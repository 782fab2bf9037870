package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.jobspec.JobRequest;
import io.dispatch.lifecycle.jobspec.JobSettings;
import io.dispatch.lifecycle.params.DestroyRequest.JobToDestroy;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.ports.JobDestroyer;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;

/** Nomad behind the lifecycle's ports: the scheduler of a deployment and the destroyer of jobs. */
public final class NomadPorts {

  private NomadPorts() {}

  /** A scheduler on {@code target}; close it when the run is over. */
  public static Scheduler scheduler(
      NomadTarget target,
      RuntimeSettings settings,
      RunControl control,
      DeploymentLog log,
      Trace trace) {
    return new Scheduler(
        NomadScheduler.open(target, nomadSettings(settings), control, log, trace),
        JobSettings.of(
            settings.serviceProvider(), settings.platform(), settings.defaultRegistry(), target));
  }

  private static NomadSettings nomadSettings(RuntimeSettings settings) {
    return NomadSettings.defaults().withRetryWindow(settings.nomadRetryWindow());
  }

  /** A destroyer that reaches each job on its own cluster. */
  public static JobDestroyer destroyer(
      RuntimeSettings settings, RunControl control, DeploymentLog log) {
    NomadDestroyer destroyer = new NomadDestroyer(control, nomadSettings(settings), log);
    return (JobToDestroy job) -> {
      DestroyResult r = destroyer.destroy(job.nomad(), job.jobId());
      return switch (r.status()) {
        case DESTROYED -> new JobDestroyer.Result(JobDestroyer.Result.Status.DESTROYED, "");
        case ALREADY_GONE -> new JobDestroyer.Result(JobDestroyer.Result.Status.ALREADY_GONE, "");
        case FAILED -> JobDestroyer.Result.failed(r.reason());
      };
    };
  }

  /** {@link ServiceScheduler} on a {@link NomadScheduler}. */
  public static final class Scheduler implements ServiceScheduler, AutoCloseable {
    private final NomadScheduler nomad;
    private final JobSettings jobSettings;

    Scheduler(NomadScheduler nomad, JobSettings jobSettings) {
      this.nomad = nomad;
      this.jobSettings = jobSettings;
    }

    @Override
    public RegisteredJob register(Release release, Span span) {
      JobRequest request = new JobRequest(release, jobSettings);
      RegisteredJob r = nomad.register(request, span);
      span.attribute(
          "summary",
          r.jobId()
              + " v"
              + r.jobVersion()
              + (r.evalId().isEmpty()
                  ? " (" + r.kind().type() + ", nothing evaluated)"
                  : ", evaluation " + NomadScheduler.shortId(r.evalId())));
      return r;
    }

    @Override
    public String awaitHealthy(RegisteredJob job, Span span) {
      return nomad.awaitHealthy(job, span);
    }

    @Override
    public void close() {
      nomad.close();
    }
  }
}
