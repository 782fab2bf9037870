package io.dispatch.lifecycle.nomad;

import java.util.Map;
import java.util.Objects;

/**
 * An evaluation as we read it. Texts Nomad leaves out are empty.
 *
 * @param id the evaluation
 * @param status {@code pending}, {@code complete}, {@code blocked}, …
 * @param statusDescription why it has its status, if Nomad says
 * @param blockedEval the evaluation Nomad created to place the rest once capacity frees up
 * @param deploymentId the deployment it created or updated
 * @param nextEval the evaluation that follows this one
 * @param failedGroups why the task groups that could not be placed were not, by group
 */
record EvaluationView(
    String id,
    String status,
    String statusDescription,
    String blockedEval,
    String deploymentId,
    String nextEval,
    Map<String, PlacementMetrics> failedGroups) {

  EvaluationView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusDescription, "statusDescription");
    Objects.requireNonNull(blockedEval, "blockedEval");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(nextEval, "nextEval");
    failedGroups = Map.copyOf(failedGroups);
  }
}
