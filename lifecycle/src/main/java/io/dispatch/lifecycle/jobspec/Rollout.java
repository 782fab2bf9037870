package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.UpdatePolicy;
import java.time.Duration;

/**
 * How a service job rolls out (its {@code update} and {@code migrate} blocks). Other job types have
 * neither, as in the pack. With a CSI volume there is no canary: a per-allocation volume cannot be
 * attached to a canary and the instance it replaces at once.
 */
public final class Rollout {

  /** The pack's stagger between rolling updates. */
  static final Duration STAGGER = Duration.ofSeconds(20);

  /** The pack's {@code migrate { max_parallel = 2 }}. */
  static final int MIGRATE_MAX_PARALLEL = 2;

  private Rollout() {}

  /** The update policy Nomad gets for {@code request}, or the parameters' when it gets none. */
  public static UpdatePolicy policy(JobRequest request) {
    UpdatePolicy p = request.service().update();
    return request.runtime().volume().isPresent() ? p.withoutCanaries() : p;
  }

  static void apply(JobRequest request, ObjectNode job) {
    if (!request.runtime().kind().isService()) {
      return;
    }
    UpdatePolicy p = policy(request);
    job.set(
        "Update",
        Json.object()
            .put("Stagger", Json.nanos(STAGGER))
            .put("MaxParallel", p.maxParallel())
            .put("HealthCheck", "checks")
            .put("MinHealthyTime", Json.nanos(p.minHealthyTime()))
            .put("HealthyDeadline", Json.nanos(p.healthyDeadline()))
            .put("ProgressDeadline", Json.nanos(p.progressDeadline()))
            .put("AutoRevert", p.autoRevert())
            .put("AutoPromote", p.autoPromote())
            .put("Canary", p.canary()));
    job.set(
        "Migrate",
        Json.object()
            .put("MaxParallel", MIGRATE_MAX_PARALLEL)
            .put("HealthCheck", "checks")
            .put("MinHealthyTime", Json.nanos(p.minHealthyTime()))
            .put("HealthyDeadline", Json.nanos(p.healthyDeadline())));
  }
}
