package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.portdetector.GoDuration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Follows the register evaluation until the scheduler is done with it. A placement failure ends the
 * wait at once with Nomad's reasons: a blocked evaluation would otherwise wait for capacity
 * forever, and the deployment never fails by itself when nothing was placed.
 */
final class EvaluationWatcher {

  /** Statuses after which the evaluation will not change (evaluations spell it "canceled"). */
  static final Set<String> FINAL = Set.of("complete", "failed", "canceled", "cancelled", "blocked");

  private static final int MAX_NEXT_EVALS = 3;

  private final NomadApi api;
  private final BlockingReads reads;
  private final Duration timeout;
  private final Clock clock;
  private final DeploymentLog log;

  /**
   * @param timeout how long the evaluation may stay pending
   */
  EvaluationWatcher(
      NomadApi api, BlockingReads reads, Duration timeout, Clock clock, DeploymentLog log) {
    this.api = api;
    this.reads = reads;
    this.timeout = timeout;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Waits for the evaluation and returns the deployment it created, or empty when it names none.
   *
   * @throws StepFailedException when Nomad could not place the job, or the evaluation failed
   */
  String await(RegisteredJob registration, Span span) {
    String evalId = registration.evalId();
    String job = "job " + registration.jobId() + " v" + registration.jobVersion();
    Instant deadline = clock.instant().plus(timeout);
    for (int hop = 0; ; hop++) {
      String id = evalId;
      BlockingReads.Result<EvaluationView> result =
          reads.until(
              q -> api.evaluation(id, q),
              e -> e != null && FINAL.contains(e.status()),
              () -> deadline);
      EvaluationView eval = result.value();
      String status = eval == null ? "missing" : eval.status();
      if (!result.done()) {
        throw new StepFailedException(
            "evaluation "
                + NomadScheduler.shortId(id)
                + " of "
                + job
                + " is still "
                + status
                + " after "
                + GoDuration.format(timeout)
                + ": Nomad's scheduler has not placed it");
      }
      span.attribute("eval.status", status);
      log.detail("evaluation " + NomadScheduler.shortId(id) + ": " + status);
      if (!eval.failedGroups().isEmpty()) {
        throw new StepFailedException(
            "Nomad cannot place "
                + job
                + ": "
                + PlacementReport.describe(eval.failedGroups())
                + blocked(eval));
      }
      if (!status.equals("complete")) {
        throw new StepFailedException(
            "evaluation "
                + NomadScheduler.shortId(id)
                + " of "
                + job
                + " "
                + status
                + describe(eval));
      }
      if (!eval.blockedEval().isEmpty()) {
        throw new StepFailedException(
            "Nomad cannot place " + job + " yet" + blocked(eval) + describe(eval));
      }
      if (!eval.deploymentId().isEmpty()) {
        return eval.deploymentId();
      }
      if (eval.nextEval().isEmpty() || hop >= MAX_NEXT_EVALS) {
        return "";
      }
      evalId = eval.nextEval();
    }
  }

  private static String blocked(EvaluationView eval) {
    return !eval.blockedEval().isEmpty()
        ? "; evaluation \""
            + NomadScheduler.shortId(eval.blockedEval())
            + "\" waiting for additional capacity to place the remainder"
        : "";
  }

  private static String describe(EvaluationView eval) {
    return eval.statusDescription().isEmpty() ? "" : ": " + eval.statusDescription();
  }
}
