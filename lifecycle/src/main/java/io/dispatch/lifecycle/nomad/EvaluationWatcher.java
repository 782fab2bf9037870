package io.dispatch.lifecycle.nomad;

import com.hashicorp.nomad.apimodel.Evaluation;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.portdetector.GoDuration;
import java.time.Clock;
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

  private final NomadConnection connection;
  private final BlockingReads reads;
  private final DeploymentLog log;
  private final Clock clock;

  EvaluationWatcher(NomadConnection connection, BlockingReads reads, DeploymentLog log) {
    this.connection = connection;
    this.reads = reads;
    this.log = log;
    this.clock = connection.control().clock();
  }

  /**
   * Waits for the evaluation and returns the deployment it created, or empty when it names none.
   *
   * @throws StepFailedException when Nomad could not place the job, or the evaluation failed
   */
  String await(Registration registration, Span span) {
    String evalId = registration.evalId();
    String job = "job " + registration.jobId() + " v" + registration.jobVersion();
    Instant deadline = clock.instant().plus(connection.settings().evaluationTimeout());
    for (int hop = 0; ; hop++) {
      String id = evalId;
      BlockingReads.Result<Evaluation> result =
          reads.until(
              "read evaluation " + NomadScheduler.shortId(id),
              q -> connection.api().getEvaluationsApi().info(id, q),
              e -> e != null && FINAL.contains(e.getStatus()),
              () -> deadline);
      Evaluation eval = result.value();
      String status = eval == null ? "missing" : eval.getStatus();
      if (!result.done()) {
        throw new StepFailedException(
            "evaluation "
                + NomadScheduler.shortId(id)
                + " of "
                + job
                + " is still "
                + status
                + " after "
                + GoDuration.format(connection.settings().evaluationTimeout())
                + ": Nomad's scheduler has not placed it");
      }
      span.attribute("eval.status", status);
      log.detail("evaluation " + NomadScheduler.shortId(id) + ": " + status);
      if (eval.getFailedTgAllocs() != null && !eval.getFailedTgAllocs().isEmpty()) {
        throw new StepFailedException(
            "Nomad cannot place "
                + job
                + ": "
                + PlacementReport.describe(eval.getFailedTgAllocs())
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
      if (notEmpty(eval.getBlockedEval())) {
        throw new StepFailedException(
            "Nomad cannot place " + job + " yet" + blocked(eval) + describe(eval));
      }
      if (notEmpty(eval.getDeploymentId())) {
        return eval.getDeploymentId();
      }
      if (!notEmpty(eval.getNextEval()) || hop >= MAX_NEXT_EVALS) {
        return "";
      }
      evalId = eval.getNextEval();
    }
  }

  private static String blocked(Evaluation eval) {
    return notEmpty(eval.getBlockedEval())
        ? "; evaluation \""
            + NomadScheduler.shortId(eval.getBlockedEval())
            + "\" waiting for additional capacity to place the remainder"
        : "";
  }

  private static String describe(Evaluation eval) {
    return notEmpty(eval.getStatusDescription()) ? ": " + eval.getStatusDescription() : "";
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
