package io.dispatch.orchestrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.backend.DeploymentBackend;
import io.dispatch.backend.ServiceUpdate;
import io.dispatch.backend.StepStatus;
import io.dispatch.backend.StepUpdate;
import io.dispatch.lifecycle.jobspec.JobRequest;
import io.dispatch.lifecycle.jobspec.JobSettings;
import io.dispatch.lifecycle.jobspec.JobSpec;
import io.dispatch.lifecycle.jobspec.Rollout;
import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.params.DestroyRequest.JobToDestroy;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.ports.JobDestroyer;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.trace.Span;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run that changes nothing ({@code --dry-run} or {@code DRY_RUN=1}): the image is still read and
 * its ports detected, but the backend, Nomad and destroy calls are recorded instead of made, and
 * printed at the end.
 */
final class DryRun {

  /** Why the steps that would change something are skipped. */
  static final String REASON = "dry run: nothing is changed";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> backendCalls = new ArrayList<>();
  private final List<String> nomadCalls = new ArrayList<>();
  private final List<JsonNode> jobs = new ArrayList<>();

  /** The backend a dry run would talk to; {@code enabled} says whether one is configured. */
  DeploymentBackend backend(
      String deploymentId, String deploymentType, String serviceId, boolean enabled) {
    return new DeploymentBackend() {
      private int domains;

      @Override
      public void reportStep(String step, StepStatus status, String error) {
        if (enabled) {
          record(
              "PUT /api/local/deployment-step/update",
              StepUpdate.of(deploymentId, deploymentType, step, status, error));
        }
      }

      @Override
      public Optional<String> askDomain(String purpose) {
        if (!enabled) {
          return Optional.empty();
        }
        backendCalls.add(
            "GET /api/local/ask-domain?serviceId=" + serviceId + "  (" + purpose + ")");
        return Optional.of("ask-domain-" + (++domains));
      }

      @Override
      public void updateService(ServiceUpdate update) {
        if (enabled) {
          record("PUT /api/local/service-update", update);
        }
      }

      @Override
      public boolean enabled() {
        return enabled;
      }

      @Override
      public void close() {}
    };
  }

  /** Renders the job it would register instead of registering it. */
  ServiceScheduler scheduler(NomadTarget target, JobSettings settings) {
    return new ServiceScheduler() {
      @Override
      public RegisteredJob register(Release release, Span span) {
        JobRequest request = new JobRequest(release, settings);
        nomadCalls.add(
            "PUT " + target.address() + "/v1/jobs  (job " + request.jobId() + ", not sent)");
        jobs.add(JobSpec.job(request));
        span.attribute("summary", "job rendered, not registered");
        return new RegisteredJob(
            request.jobId(), "", 0, 0, Rollout.policy(request), request.runtime().kind());
      }

      @Override
      public String awaitHealthy(RegisteredJob job, Span span) {
        return "not watched (dry run)";
      }

      @Override
      public Optional<String> skipReason() {
        return Optional.of(REASON);
      }
    };
  }

  JobDestroyer destroyer() {
    return (JobToDestroy job) -> {
      nomadCalls.add(
          "DELETE "
              + job.nomad().address()
              + "/v1/job/"
              + Checks.pathSegment(job.jobId(), "jobId")
              + "?purge=true  (not sent)");
      return new JobDestroyer.Result(
          JobDestroyer.Result.Status.DESTROYED, "would be stopped and purged (dry run)");
    };
  }

  /** Prints what the run would have sent. Output passes through the masker like every line. */
  void print(PrintStream out, SecretMasker masker, boolean json) {
    if (json) {
      ObjectNode line = JSON.createObjectNode();
      line.put("time", java.time.Instant.now().toString())
          .put("level", "INFO")
          .put("logger", "dispatch");
      line.put("message", "dry run: nothing was registered, destroyed or reported")
          .put("event", "dry-run");
      line.putArray("jobs").addAll(jobs);
      nomadCalls.forEach(line.putArray("nomadCalls")::add);
      backendCalls.forEach(line.putArray("backendCalls")::add);
      synchronized (out) {
        out.println(masker.mask(line.toString()));
        out.flush();
      }
      return;
    }
    StringBuilder b = new StringBuilder("dry run: nothing was registered, destroyed or reported\n");
    for (JsonNode job : jobs) {
      b.append("Nomad job that would be registered:\n").append(job.toPrettyString()).append('\n');
    }
    b.append("Nomad calls that would be made:").append(nomadCalls.isEmpty() ? " none\n" : "\n");
    nomadCalls.forEach(c -> b.append("  ").append(c).append('\n'));
    b.append("backend calls that would be made:").append(backendCalls.isEmpty() ? " none\n" : "\n");
    backendCalls.forEach(c -> b.append("  ").append(c).append('\n'));
    synchronized (out) {
      out.print(masker.mask(b.toString()));
      out.flush();
    }
  }

  List<JsonNode> jobs() {
    return jobs;
  }

  private void record(String call, Object body) {
    try {
      backendCalls.add(call + " " + JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      backendCalls.add(call);
    }
  }
}
