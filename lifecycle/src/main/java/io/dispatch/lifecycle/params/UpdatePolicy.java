package io.dispatch.lifecycle.params;

import java.time.Duration;

/**
 * How Nomad rolls out a new version: the job's {@code update} block.
 *
 * @param maxParallel instances updated at once
 * @param minHealthyTime how long an instance must stay healthy to count
 * @param healthyDeadline how long an instance has to become healthy
 * @param progressDeadline how long the rollout may go without progress (0 = none)
 * @param autoRevert roll back to the last stable version when the rollout fails
 * @param autoPromote promote canaries once healthy
 * @param canary canary instances; Nomad starts them from the job's second version on, and only then
 *     replaces the old instances
 */
public record UpdatePolicy(
    int maxParallel,
    Duration minHealthyTime,
    Duration healthyDeadline,
    Duration progressDeadline,
    boolean autoRevert,
    boolean autoPromote,
    int canary) {

  public UpdatePolicy {
    Checks.range(maxParallel, 1, 1000, "update.maxParallel");
    Checks.range(canary, 0, 1000, "update.canary");
    if (!minHealthyTime.minus(healthyDeadline).isNegative()) {
      throw new InvalidParameterException(
          "update.minHealthyTime", "must be shorter than update.healthyDeadline");
    }
    if (!progressDeadline.isZero() && !healthyDeadline.minus(progressDeadline).isNegative()) {
      throw new InvalidParameterException(
          "update.healthyDeadline", "must be shorter than update.progressDeadline");
    }
    if (autoPromote && canary == 0) {
      throw new InvalidParameterException("update.autoPromote", "needs update.canary above 0");
    }
  }

  /** The default canary count: one, promoted once healthy, so a redeploy never goes down. */
  public static final int DEFAULT_CANARY = 1;

  /**
   * max_parallel 1, checks, 10s, 5m, 10m, auto-revert on, one canary promoted automatically (the
   * pack's zero-downtime rollout).
   */
  public static UpdatePolicy defaults() {
    return new UpdatePolicy(
        1,
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10),
        true,
        true,
        DEFAULT_CANARY);
  }

  /** This policy without canaries: a per-allocation volume cannot be shared with a canary. */
  public UpdatePolicy withoutCanaries() {
    return new UpdatePolicy(
        maxParallel, minHealthyTime, healthyDeadline, progressDeadline, autoRevert, false, 0);
  }
}
