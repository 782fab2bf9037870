package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.params.JobKind;
import io.dispatch.lifecycle.params.UpdatePolicy;
import java.util.List;
import java.util.Objects;

/**
 * A job version Nomad accepted, and what following it needs.
 *
 * @param jobId the job
 * @param evalId the evaluation the registration created; empty for periodic and parameterized jobs,
 *     whose registration evaluates nothing
 * @param jobModifyIndex the index at which Nomad stored the spec
 * @param jobVersion the job version that index holds: the deployment to follow must roll out this
 *     version
 * @param update the rollout policy Nomad got (its deadlines bound the wait)
 * @param kind the job's type and whether it is periodic or parameterized
 * @param warnings Nomad's registration warnings, one per line, maybe none
 */
public record Registration(
    String jobId,
    String evalId,
    long jobModifyIndex,
    long jobVersion,
    UpdatePolicy update,
    JobKind kind,
    List<String> warnings) {

  public Registration {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(evalId, "evalId");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(kind, "kind");
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
