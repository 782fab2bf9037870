package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.jobspec.JobRequest;
import io.dispatch.lifecycle.params.JobKind;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;

/**
 * Runs a service on Nomad the way levant's deploy does, with deadlines: register the job, follow
 * the evaluation, then follow the deployment of exactly that job version with blocking queries
 * until Nomad says successful or failed, and say why in one line.
 */
public final class NomadScheduler implements AutoCloseable {

  private final NomadApi api;
  private final DeploymentLog log;
  private final JobRegistrar registrar;
  private final RolloutWatch rollout;

  /**
   * @param trace where to record register, evaluation and deployment events as child spans of the
   *     running step; may be null, then only the step's span gets attributes
   */
  private NomadScheduler(
      NomadApi api, NomadSettings settings, RunControl control, DeploymentLog log, Trace trace) {
    this.api = api;
    this.log = log;
    NomadEvents events = new NomadEvents(trace);
    this.registrar = new JobRegistrar(api, log, events);
    this.rollout = new RolloutWatch(api, settings, control, log, events);
  }

  /**
   * A scheduler with its own connection to {@code target}, closed with it; nothing is sent yet.
   *
   * @param trace where to record register, evaluation and deployment events as child spans of the
   *     running step; may be null, then only the step's span gets attributes
   * @throws io.dispatch.lifecycle.run.StepFailedException when the CA certificate is unusable
   */
  public static NomadScheduler open(
      NomadTarget target,
      NomadSettings settings,
      RunControl control,
      DeploymentLog log,
      Trace trace) {
    return new NomadScheduler(
        NomadApi.open(target, settings, control, log), settings, control, log, trace);
  }

  /**
   * Registers the job of {@code request} and reads which version Nomad stored it as. Transient
   * failures are retried (registering is idempotent: see {@link JobRegistrar}).
   *
   * @throws io.dispatch.lifecycle.run.StepFailedException with Nomad's message when it refuses the
   *     job ({@code Nomad rejected job web-app: 400 Job must be specified}), or when it cannot be
   *     reached within the retry window
   */
  public RegisteredJob register(JobRequest request, Span span) {
    return registrar.register(request, span);
  }

  /**
   * Waits until the registered version is healthy, at most until the run's deadline.
   *
   * @return e.g. {@code v4: 2/2 healthy}
   * @throws io.dispatch.lifecycle.run.StepFailedException saying why not, in one line: placement
   *     failure, the deployment's status description with the unhealthy allocations' last events
   *     and what became of Nomad's rollback, canaries waiting for promotion, a newer version, or no
   *     progress
   * @throws io.dispatch.lifecycle.run.RunAbortedException when the run is cancelled or times out
   */
  public String awaitHealthy(RegisteredJob registration, Span span) {
    JobKind kind = registration.kind();
    if (kind.isTemplateOnly()) {
      String summary =
          "v"
              + registration.jobVersion()
              + " registered only: "
              + kind.periodic()
                  .map(p -> "a periodic job runs at its schedule (" + p.cron() + ")")
                  .orElse("a parameterized job runs when it is dispatched")
              + ", nothing runs yet";
      log.detail(summary);
      return summary;
    }
    if (!kind.isService()) {
      return rollout.awaitPlacement(registration, span);
    }
    return rollout.await(registration, span);
  }

  /** The first 8 characters of a Nomad ID, as the Nomad CLI shows it. */
  static String shortId(String id) {
    return id == null ? "" : id.length() <= 8 ? id : id.substring(0, 8);
  }

  @Override
  public void close() {
    api.close();
  }
}
