package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.jobspec.JobRequest;
import io.dispatch.lifecycle.jobspec.JobSpec;
import io.dispatch.lifecycle.jobspec.Rollout;
import io.dispatch.lifecycle.params.JobKind;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;

/**
 * Registers the job ({@code PUT /v1/jobs} with the JSON of {@link JobSpec}) and reads back which
 * version Nomad stored it as.
 *
 * <p>Registering is retried after transient failures. That is safe because it is idempotent: the
 * spec carries this run's id in its meta, so a repeat of a register that did arrive stores no
 * second version, it only adds an evaluation of the same one.
 */
final class JobRegistrar {

  private final NomadApi api;
  private final DeploymentLog log;
  private final NomadEvents events;

  JobRegistrar(NomadApi api, DeploymentLog log, NomadEvents events) {
    this.api = api;
    this.log = log;
    this.events = events;
  }

  RegisteredJob register(JobRequest request, Span span) {
    String jobId = request.jobId();
    JobKind kind = request.runtime().kind();
    span.attribute("nomad.address", api.address())
        .attribute("nomad.namespace", api.namespace())
        .attribute("job.id", jobId)
        .attribute("job.type", kind.type());
    RegisterAnswer answer;
    try {
      answer = api.register(jobId, JobSpec.registerBody(request));
    } catch (NomadApiException e) {
      throw new StepFailedException(
          (e.isRejection() ? "Nomad rejected job " : "could not register job ")
              + jobId
              + ": "
              + e.getMessage(),
          e);
    }
    String evalId = answer.evalId();
    long jobModifyIndex = answer.jobModifyIndex();
    answer.warnings().forEach(w -> log.warning("Nomad warns about job " + jobId + ": " + w));
    if (evalId.isEmpty() && !kind.isTemplateOnly()) {
      throw new StepFailedException("Nomad registered job " + jobId + " but created no evaluation");
    }
    long version = storedVersion(jobId, jobModifyIndex);
    span.attribute("eval.id", evalId)
        .attribute("job.modify_index", jobModifyIndex)
        .attribute("job.version", version);
    String what =
        evalId.isEmpty()
            ? jobId + " v" + version
            : jobId + " v" + version + ", evaluation " + NomadScheduler.shortId(evalId);
    events.event("nomad.register", what);
    log.detail("registered " + what);
    return new RegisteredJob(jobId, evalId, jobModifyIndex, version, Rollout.policy(request), kind);
  }

  /** The job's version at {@code jobModifyIndex}: what the deployment must roll out. */
  private long storedVersion(String jobId, long jobModifyIndex) {
    JobVersion stored;
    try {
      stored = api.job(jobId);
    } catch (NomadApiException e) {
      throw new StepFailedException(
          "registered job " + jobId + " but could not read it back: " + e.getMessage(), e);
    }
    long storedIndex = stored.modifyIndex();
    if (storedIndex > jobModifyIndex) {
      throw new StepFailedException(
          "job "
              + jobId
              + " was registered again by someone else right after this run (index "
              + storedIndex
              + " > "
              + jobModifyIndex
              + ")");
    }
    return stored.version();
  }
}
