package io.dispatch.lifecycle.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.nomad.apimodel.Job;
import io.dispatch.lifecycle.jobspec.JobRequest;
import io.dispatch.lifecycle.jobspec.JobSpec;
import io.dispatch.lifecycle.jobspec.Rollout;
import io.dispatch.lifecycle.params.JobKind;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import java.util.Arrays;
import java.util.List;

/**
 * Registers the job ({@code PUT /v1/jobs} with the JSON of {@link JobSpec}) and reads back which
 * version Nomad stored it as.
 *
 * <p>Registering is retried after transient failures. That is safe because it is idempotent: the
 * spec carries this run's id in its meta, so a repeat of a register that did arrive stores no
 * second version, it only adds an evaluation of the same one.
 */
final class JobRegistrar {

  private final NomadConnection connection;
  private final DeploymentLog log;
  private final NomadEvents events;

  JobRegistrar(NomadConnection connection, DeploymentLog log, NomadEvents events) {
    this.connection = connection;
    this.log = log;
    this.events = events;
  }

  Registration register(JobRequest request, Span span) {
    String jobId = request.jobId();
    NomadTarget target = connection.target();
    JobKind kind = request.runtime().kind();
    span.attribute("nomad.address", connection.address())
        .attribute("nomad.namespace", target.namespace())
        .attribute("job.id", jobId)
        .attribute("job.type", kind.type());
    JsonNode body = JobSpec.registerBody(request);
    JsonNode response;
    try {
      response =
          connection.calls().call("register job " + jobId, () -> connection.put("/v1/jobs", body));
    } catch (NomadApiException e) {
      throw new StepFailedException(
          (e.isRejection() ? "Nomad rejected job " : "could not register job ")
              + jobId
              + ": "
              + e.getMessage(),
          e);
    }
    String evalId = response.path("EvalID").asText("");
    long jobModifyIndex = response.path("JobModifyIndex").asLong(0);
    List<String> warnings =
        Arrays.stream(response.path("Warnings").asText("").split("\n"))
            .map(String::strip)
            .filter(w -> !w.isEmpty())
            .toList();
    warnings.forEach(w -> log.warning("Nomad warns about job " + jobId + ": " + w));
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
    return new Registration(
        jobId, evalId, jobModifyIndex, version, Rollout.policy(request), kind, warnings);
  }

  /** The job's version at {@code jobModifyIndex}: what the deployment must roll out. */
  private long storedVersion(String jobId, long jobModifyIndex) {
    Job stored;
    try {
      stored =
          connection
              .calls()
              .call("read job " + jobId, () -> connection.api().getJobsApi().info(jobId))
              .getValue();
    } catch (NomadApiException e) {
      throw new StepFailedException(
          "registered job " + jobId + " but could not read it back: " + e.getMessage(), e);
    }
    long storedIndex =
        stored.getJobModifyIndex() == null ? 0 : stored.getJobModifyIndex().longValue();
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
    return stored.getVersion() == null ? 0 : stored.getVersion().longValue();
  }
}
