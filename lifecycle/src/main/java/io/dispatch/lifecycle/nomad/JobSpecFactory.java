package io.dispatch.lifecycle.nomad;

import com.hashicorp.nomad.apimodel.Job;
import com.hashicorp.nomad.apimodel.RestartPolicy;
import com.hashicorp.nomad.apimodel.TaskGroup;
import com.hashicorp.nomad.apimodel.UpdateStrategy;
import com.hashicorp.nomad.javasdk.NomadJson;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.params.UpdatePolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the service job of contract §4 as data: one group with one dynamic port and one service
 * per network entry, and one docker task. Nothing is templated, so quotes and newlines in commands
 * are just characters in a JSON string.
 */
public final class JobSpecFactory {

  /** The restart window and delay Nomad uses by default for services; made explicit here. */
  static final Duration RESTART_INTERVAL = Duration.ofMinutes(30);

  static final Duration RESTART_DELAY = Duration.ofSeconds(15);

  /** Job meta keys; Nomad hands them to the tasks as {@code NOMAD_META_<key>}. */
  static final String META_DEPLOYMENT_ID = "deployment_id";

  static final String META_SERVICE_ID = "service_id";
  static final String META_RUN_ID = "run_id";
  static final String META_TRACE_ID = "trace_id";

  private JobSpecFactory() {}

  /** The job for {@code request}, to be registered on {@code target}. */
  static Job job(JobRequest request, NomadTarget target) {
    Job job =
        new Job()
            .setId(request.jobId())
            .setName(request.jobId())
            .setType("service")
            .setNamespace(target.namespace())
            .setUpdate(update(request.service().update()))
            .setMeta(meta(request))
            .setTaskGroups(List.of(group(request)));
    if (!target.region().isEmpty()) {
      job.setRegion(target.region());
    }
    if (!request.service().nodePool().isEmpty()) {
      // NodePool (Nomad 1.6) is not in the SDK's model.
      job.addUnmappedProperty("NodePool", request.service().nodePool());
    }
    return job;
  }

  /** The job as the JSON the SDK sends inside the register request's {@code Job} key. */
  public static String jobJson(JobRequest request, NomadTarget target) {
    return NomadJson.serialize(job(request, target));
  }

  private static TaskGroup group(JobRequest request) {
    ServiceBlocks blocks = new ServiceBlocks(request);
    io.dispatch.lifecycle.params.RestartPolicy restart = request.service().restart();
    return new TaskGroup()
        .setName(request.groupName())
        .setCount(request.service().replicaCount())
        .setNetworks(blocks.networks())
        .setServices(blocks.services())
        .setRestartPolicy(
            new RestartPolicy()
                .setAttempts(restart.attempts())
                .setMode(restart.mode())
                .setInterval(RESTART_INTERVAL.toNanos())
                .setDelay(RESTART_DELAY.toNanos()))
        .setTasks(List.of(DockerTask.task(request, blocks.portLabels())));
  }

  private static UpdateStrategy update(UpdatePolicy policy) {
    return new UpdateStrategy()
        .setMaxParallel(policy.maxParallel())
        .setHealthCheck("checks")
        .setMinHealthyTime(policy.minHealthyTime().toNanos())
        .setHealthyDeadline(policy.healthyDeadline().toNanos())
        .setProgressDeadline(policy.progressDeadline().toNanos())
        .setAutoRevert(policy.autoRevert())
        .setAutoPromote(policy.autoPromote())
        .setCanary(policy.canary());
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
