package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.params.JobKind;
import io.dispatch.lifecycle.params.UpdatePolicy;
import java.util.Objects;

/**
 * A job version the scheduler accepted, and what following it needs.
 *
 * @param jobId the job
 * @param evalId the evaluation its registration created; empty for periodic and parameterized jobs,
 *     whose registration evaluates nothing
 * @param jobModifyIndex the index at which the spec was stored
 * @param jobVersion the job version that index holds: the deployment to follow must roll out this
 *     version
 * @param update the rollout policy the scheduler got (its deadlines bound the wait)
 * @param kind the job's type and whether it is periodic or parameterized
 */
public record RegisteredJob(
    String jobId,
    String evalId,
    long jobModifyIndex,
    long jobVersion,
    UpdatePolicy update,
    JobKind kind) {

  public RegisteredJob {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(evalId, "evalId");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(kind, "kind");
  }
}
