package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.JobKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Nomad job of one run, as the JSON of Nomad's job API: the job of contract §4 with the runtime
 * configuration of §7 and the rollouts and routing of §8, block by block as the earlier pack
 * produced it (pack-job-shape.md). Everything is data: no value is ever spliced into text that
 * Nomad parses, except the template texts of {@link Templates}, whose inserted values were checked
 * at input.
 */
public final class JobSpec {

  /** Job meta keys; Nomad hands them to the tasks as {@code NOMAD_META_<key>}. */
  public static final String META_DEPLOYMENT_ID = "deployment_id";

  public static final String META_SERVICE_ID = "service_id";
  public static final String META_RUN_ID = "run_id";
  public static final String META_TRACE_ID = "trace_id";

  private JobSpec() {}

  /** The job ({@code Job} of a register request). */
  public static ObjectNode job(JobRequest request) {
    JobKind kind = request.runtime().kind();
    ObjectNode job = Json.object();
    job.put("ID", request.jobId())
        .put("Name", request.jobId())
        .put("Type", kind.type())
        .put("Namespace", request.settings().namespace());
    if (!request.settings().region().isEmpty()) {
      job.put("Region", request.settings().region());
    }
    Placement.apply(request, job);
    kind.periodic()
        .ifPresent(
            p ->
                job.set(
                    "Periodic",
                    Json.object()
                        .put("Enabled", true)
                        .put("SpecType", "cron")
                        .put("Spec", p.cron())
                        .put("ProhibitOverlap", p.prohibitOverlap())));
    kind.parameterized()
        .ifPresent(
            p -> {
              ObjectNode block = Json.object().put("Payload", p.payload());
              block.set("MetaRequired", Json.strings(p.metaRequired()));
              if (!p.metaOptional().isEmpty()) {
                block.set("MetaOptional", Json.strings(p.metaOptional()));
              }
              job.set("ParameterizedJob", block);
            });
    Rollout.apply(request, job);
    job.set("Meta", Json.strings(meta(request)));
    job.set("TaskGroups", Json.array().add(Group.of(request)));
    return job;
  }

  /** The body of {@code PUT /v1/jobs}. */
  public static ObjectNode registerBody(JobRequest request) {
    ObjectNode body = Json.object();
    body.set("Job", job(request));
    return body;
  }

  private static Map<String, String> meta(JobRequest request) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(META_DEPLOYMENT_ID, request.identity().deploymentId());
    meta.put(META_SERVICE_ID, request.identity().serviceId());
    meta.put(META_RUN_ID, request.runId());
    if (!request.traceId().isEmpty()) {
      meta.put(META_TRACE_ID, request.traceId());
    }
    return meta;
  }
}
