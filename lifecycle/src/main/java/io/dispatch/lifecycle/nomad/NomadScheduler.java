package io.dispatch.lifecycle.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.nomad.apimodel.AllocationListStub;
import com.hashicorp.nomad.apimodel.Job;
import com.hashicorp.nomad.javasdk.EvaluationResponse;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.params.UpdatePolicy;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;
import io.dispatch.portdetector.GoDuration;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs a service on Nomad the way levant's deploy does, with deadlines: register the job, follow
 * the evaluation, then follow the deployment of exactly that job version with blocking queries
 * until Nomad says successful or failed, and say why.
 */
public final class NomadScheduler implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final NomadConnection connection;
  private final DeploymentLog log;
  private final Trace trace;
  private final BlockingReads reads;
  private final DeploymentWatcher watcher;

  /**
   * @param trace where to record register, evaluation and deployment events; may be null, then only
   *     the step's span gets attributes
   */
  public NomadScheduler(NomadConnection connection, DeploymentLog log, Trace trace) {
    this.connection = connection;
    this.log = log;
    this.trace = trace;
    this.reads = new BlockingReads(connection);
    this.watcher = new DeploymentWatcher(connection, reads, log, trace);
  }

  /** A scheduler with its own connection to {@code target}, closed with it. */
  public static NomadScheduler open(
      NomadTarget target,
      NomadSettings settings,
      RunControl control,
      DeploymentLog log,
      Trace trace) {
    return new NomadScheduler(NomadConnection.open(target, settings, control, log), log, trace);
  }

  /**
   * Registers the job of {@code request} and reads which version Nomad stored it as.
   *
   * <p>A transient failure (no connection, 5xx) is retried: registering is idempotent, since the
   * spec carries this run's id in its meta, so a repeat of a register that did arrive makes no
   * second version, only a second evaluation of the same one.
   *
   * @throws StepFailedException with Nomad's message when it refuses the job, or when it cannot be
   *     reached within the retry window
   */
  public Registration register(JobRequest request, Span span) {
    String jobId = request.jobId();
    NomadTarget target = connection.target();
    span.attribute("nomad.address", connection.address())
        .attribute("nomad.namespace", target.namespace())
        .attribute("job.id", jobId);
    Job job = JobSpecFactory.job(request, target);
    EvaluationResponse response;
    try {
      response =
          connection
              .calls()
              .call("register job " + jobId, () -> connection.api().getJobsApi().register(job));
    } catch (NomadApiException e) {
      throw new StepFailedException(
          (e.isRejection() ? "Nomad rejected job " : "could not register job ")
              + jobId
              + ": "
              + e.getMessage(),
          e);
    }
    String evalId = response.getValue() == null ? "" : response.getValue();
    JsonNode raw = parse(response.getRawEntity());
    long jobModifyIndex = raw.path("JobModifyIndex").asLong(0);
    List<String> warnings =
        Arrays.stream(raw.path("Warnings").asText("").split("\n"))
            .map(String::strip)
            .filter(w -> !w.isEmpty())
            .toList();
    warnings.forEach(w -> log.warning("Nomad warns about job " + jobId + ": " + w));
    if (evalId.isEmpty()) {
      throw new StepFailedException("Nomad registered job " + jobId + " but created no evaluation");
    }
    long version = storedVersion(jobId, jobModifyIndex);
    span.attribute("eval.id", evalId)
        .attribute("job.modify_index", jobModifyIndex)
        .attribute("job.version", version);
    event("nomad.register", jobId + " v" + version + ", evaluation " + shortId(evalId));
    log.detail("registered " + jobId + " v" + version + ", evaluation " + shortId(evalId));
    return new Registration(
        jobId,
        evalId,
        jobModifyIndex,
        version,
        request.service().replicaCount(),
        request.service().update(),
        warnings);
  }

  /**
   * Waits until the registered version is healthy.
   *
   * @return e.g. {@code v4: 2/2 healthy}
   * @throws StepFailedException saying why not, in one line: placement failure, the deployment's
   *     status description with the unhealthy allocations' last events and Nomad's rollback,
   *     canaries waiting for promotion, a newer version, or no progress
   */
  public String awaitHealthy(Registration registration, Span span) {
    span.attribute("eval.id", registration.evalId())
        .attribute("job.version", registration.jobVersion());
    String fromEval = new EvaluationWatcher(connection, reads, log).await(registration, span);
    event("nomad.evaluation", shortId(registration.evalId()) + " complete");
    String id = new DeploymentFinder(connection, reads).find(registration, fromEval);
    span.attribute("deployment.id", id);
    Duration stall = stallLimit(registration.update());
    DeploymentWatcher.Watched watched =
        watcher.follow(id, stall, connection.control().deadline(), span, "deployment");
    DeploymentSnapshot d = watched.last();
    String name = "deployment " + d.shortId() + " (v" + d.jobVersion() + ")";
    switch (watched.ending()) {
      case AWAITING_PROMOTION ->
          throw new StepFailedException(
              name
                  + " waits for a manual promotion of its canaries ("
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
    throw new StepFailedException(failure(registration, d, name, span));
  }

  private String failure(Registration registration, DeploymentSnapshot d, String name, Span span) {
    StringBuilder why = new StringBuilder(name).append(" failed: ").append(d.reason());
    String allocations = unhealthyAllocations(d);
    if (!allocations.isEmpty()) {
      why.append("; ").append(allocations);
    }
    OptionalLong back = d.rollbackVersion();
    if (back.isPresent()) {
      why.append("; ")
          .append(
              new Rollback(connection, reads, watcher)
                  .follow(
                      registration, d, back.getAsLong(), stallLimit(registration.update()), span));
    }
    return why.toString();
  }

  private String unhealthyAllocations(DeploymentSnapshot d) {
    try {
      List<AllocationListStub> allocations =
          connection
              .calls()
              .call(
                  "read allocations of deployment " + d.shortId(),
                  () -> connection.api().getDeploymentsApi().allocations(d.id()))
              .getValue();
      return allocations == null ? "" : FailureReport.describe(allocations);
    } catch (NomadApiException e) {
      return "allocations unavailable (" + e.getMessage() + ")";
    }
  }

  /**
   * How long a deployment may go without any change before we stop waiting: Nomad's progress
   * deadline (or the healthy deadline without one) plus a grace period.
   */
  private Duration stallLimit(UpdatePolicy update) {
    Duration nomads =
        update.progressDeadline().isZero() ? update.healthyDeadline() : update.progressDeadline();
    return nomads.plus(connection.settings().stallGrace());
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

  private void event(String name, String detail) {
    if (trace != null) {
      trace.event(name, Span.Status.COMPLETED, detail);
    }
  }

  private static JsonNode parse(String raw) {
    try {
      return raw == null ? JSON.createObjectNode() : JSON.readTree(raw);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The first 8 characters of a Nomad ID, as the Nomad CLI shows it. */
  static String shortId(String id) {
    return id == null ? "" : id.length() <= 8 ? id : id.substring(0, 8);
  }

  @Override
  public void close() {
    connection.close();
  }
}
