package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.params.UpdatePolicy;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.portdetector.GoDuration;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * From registered to healthy, or why not: the evaluation, the deployment of exactly the registered
 * version, and a one-line verdict.
 */
final class RolloutWatch {

  private final NomadApi api;
  private final NomadSettings settings;
  private final RunControl control;
  private final NomadEvents events;
  private final EvaluationWatcher evaluation;
  private final DeploymentFinder finder;
  private final DeploymentWatcher watcher;
  private final Rollback rollback;

  RolloutWatch(
      NomadApi api,
      NomadSettings settings,
      RunControl control,
      DeploymentLog log,
      NomadEvents events) {
    this.api = api;
    this.settings = settings;
    this.control = control;
    this.events = events;
    BlockingReads reads = new BlockingReads(control, settings);
    this.evaluation =
        new EvaluationWatcher(api, reads, settings.evaluationTimeout(), control.clock(), log);
    this.finder =
        new DeploymentFinder(api, reads, settings.deploymentAppearTimeout(), control.clock());
    this.watcher = new DeploymentWatcher(api, reads, control.clock(), log, events);
    this.rollback = new Rollback(api, reads, watcher, settings.revertTimeout(), control);
  }

  String await(RegisteredJob registration, Span span) {
    follow(registration, span);
    try {
      String fromEval = evaluation.await(registration, span);
      events.event("nomad.evaluation", NomadScheduler.shortId(registration.evalId()) + " complete");
      String id = finder.find(registration, fromEval);
      span.attribute("deployment.id", id);
      DeploymentWatcher.Watched watched =
          watcher.follow(
              id, stallLimit(registration.update()), control.deadline(), span, "deployment");
      return verdict(registration, watched, span);
    } catch (NomadApiException e) {
      throw cannotFollow(registration, e);
    }
  }

  /**
   * For batch, sysbatch and system jobs, which Nomad places without a deployment: the evaluation
   * completes with every allocation placed, or the step fails with Nomad's reasons.
   */
  String awaitPlacement(RegisteredJob registration, Span span) {
    follow(registration, span);
    try {
      evaluation.await(registration, span);
    } catch (NomadApiException e) {
      throw cannotFollow(registration, e);
    }
    String shortEval = NomadScheduler.shortId(registration.evalId());
    events.event("nomad.evaluation", shortEval + " complete");
    return "v"
        + registration.jobVersion()
        + ": placed ("
        + registration.kind().type()
        + " job, evaluation "
        + shortEval
        + " complete; its runs are not followed)";
  }

  private static void follow(RegisteredJob registration, Span span) {
    span.attribute("eval.id", registration.evalId())
        .attribute("job.version", registration.jobVersion());
  }

  private static StepFailedException cannotFollow(RegisteredJob job, NomadApiException e) {
    return new StepFailedException(
        "could not follow job "
            + job.jobId()
            + " v"
            + job.jobVersion()
            + " on Nomad: "
            + e.getMessage(),
        e);
  }

  private String verdict(RegisteredJob registration, DeploymentWatcher.Watched watched, Span span) {
    DeploymentSnapshot d = watched.last();
    String name = "deployment " + d.shortId() + " (v" + d.jobVersion() + ")";
    switch (watched.ending()) {
      case AWAITING_PROMOTION ->
          throw new StepFailedException(
              name
                  + " waited "
                  + GoDuration.format(watched.sinceProgress())
                  + " for a manual promotion of its canaries ("
                  + d.progress()
                  + "): promote it with 'nomad deployment promote "
                  + d.id()
                  + "' or set update.autoPromote");
      case STALLED, DEADLINE ->
          throw new StepFailedException(
              name
                  + " made no progress for "
                  + GoDuration.format(watched.sinceProgress())
                  + " ("
                  + d.progress()
                  + "; "
                  + d.description()
                  + ")");
      case FINAL -> {}
    }
    if (d.isSuccessful()) {
      return "v" + d.jobVersion() + ": " + d.progress();
    }
    if (d.isCancelled()) {
      throw new StepFailedException(
          name
              + (d.description().contains("stopped")
                  ? " was cancelled: the job was stopped"
                  : " was superseded by a newer version of the job")
              + " ("
              + d.description()
              + ")");
    }
    StringBuilder why = new StringBuilder(name).append(" failed: ").append(d.reason());
    String allocations = unhealthyAllocations(d);
    if (!allocations.isEmpty()) {
      why.append("; ").append(allocations);
    }
    OptionalLong back = d.rollbackVersion();
    if (back.isPresent()) {
      why.append("; ")
          .append(
              rollback.follow(
                  registration, d, back.getAsLong(), stallLimit(registration.update()), span));
    }
    throw new StepFailedException(why.toString());
  }

  private String unhealthyAllocations(DeploymentSnapshot d) {
    try {
      return FailureReport.describe(api.allocations(d.id()));
    } catch (NomadApiException e) {
      return "allocations unavailable (" + e.getMessage() + ")";
    }
  }

  /**
   * How long a deployment may go without any change before we stop waiting: Nomad's progress
   * deadline (or the healthy deadline without one) plus a grace period. Nomad never fails a
   * deployment that could place nothing, so this is our own bound.
   */
  private Duration stallLimit(UpdatePolicy update) {
    Duration nomads =
        update.progressDeadline().isZero() ? update.healthyDeadline() : update.progressDeadline();
    return nomads.plus(settings.stallGrace());
  }
}
