package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.portdetector.GoDuration;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows Nomad's automatic rollback after a failed deployment: Nomad registers the last stable
 * version's spec again as a new version (v4 failed, v3's spec becomes v5) and deploys it. The
 * verdict stays "failed"; this adds whether the service is back: {@code rolled back to v3 (running
 * as v5): successful}.
 */
final class Rollback {

  /** Time kept back from the run's deadline so that the failure can still be reported. */
  static final Duration MARGIN = Duration.ofSeconds(2);

  private final NomadApi api;
  private final BlockingReads reads;
  private final DeploymentWatcher watcher;
  private final Duration revertTimeout;
  private final RunControl control;

  /**
   * @param revertTimeout how long to follow the rollback's deployment
   */
  Rollback(
      NomadApi api,
      BlockingReads reads,
      DeploymentWatcher watcher,
      Duration revertTimeout,
      RunControl control) {
    this.api = api;
    this.reads = reads;
    this.watcher = watcher;
    this.revertTimeout = revertTimeout;
    this.control = control;
  }

  /** What became of the rollback to {@code toVersion}, in a few words. */
  String follow(
      RegisteredJob registration,
      DeploymentSnapshot failed,
      long toVersion,
      Duration stallLimit,
      Span span) {
    Instant now = control.clock().instant();
    Instant limit = now.plus(revertTimeout);
    Instant lastUseful = control.deadline().minus(MARGIN);
    if (lastUseful.isBefore(limit)) {
      limit = lastUseful;
    }
    span.attribute("rollback.to_version", toVersion);
    String rolledBack = "rolled back to v" + toVersion;
    if (!limit.isAfter(now)) {
      return "Nomad is rolling back to v" + toVersion;
    }
    Instant until = limit;
    BlockingReads.Result<DeploymentSnapshot> next =
        reads.until(
            q -> api.latestDeployment(registration.jobId(), q),
            d -> d != null && !failed.id().equals(d.id()) && d.jobVersion() > failed.jobVersion(),
            () -> until);
    if (!next.done()) {
      return "Nomad is rolling back to v"
          + toVersion
          + ", but no rollback deployment started within "
          + GoDuration.format(Duration.between(now, control.clock().instant()));
    }
    DeploymentSnapshot revert = next.value();
    span.attribute("rollback.deployment.id", revert.id())
        .attribute("rollback.job.version", revert.jobVersion());
    String as = rolledBack + " (running as v" + revert.jobVersion() + "): ";
    DeploymentWatcher.Watched watched =
        watcher.follow(revert.id(), stallLimit, limit, span, "rollback");
    return switch (watched.ending()) {
      case FINAL -> as + watched.last().status();
      case AWAITING_PROMOTION -> as + "waiting for a manual promotion";
      case STALLED -> as + "no progress for " + GoDuration.format(watched.sinceProgress());
      case DEADLINE ->
          as + "still " + watched.last().status() + " (" + watched.last().progress() + ")";
    };
  }
}
