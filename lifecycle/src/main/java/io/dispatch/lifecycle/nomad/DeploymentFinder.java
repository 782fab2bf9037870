package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.portdetector.GoDuration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Picks the deployment that rolls out the registered version. The evaluation names one, but after a
 * register that changed nothing it names the previous (finished) one, and some evaluations name
 * none; so the version is checked, and otherwise the job's latest deployment is awaited.
 */
final class DeploymentFinder {

  private final NomadApi api;
  private final BlockingReads reads;
  private final Duration appearTimeout;
  private final Clock clock;

  /**
   * @param appearTimeout how long to wait for the deployment when the evaluation names none
   */
  DeploymentFinder(NomadApi api, BlockingReads reads, Duration appearTimeout, Clock clock) {
    this.api = api;
    this.reads = reads;
    this.appearTimeout = appearTimeout;
    this.clock = clock;
  }

  /**
   * The ID of the deployment of {@code registration}'s version.
   *
   * @param fromEval the deployment the evaluation names, or empty
   * @throws StepFailedException when a newer version took over, or none appears in time
   */
  String find(RegisteredJob registration, String fromEval) {
    long version = registration.jobVersion();
    String job = "job " + registration.jobId() + " v" + version;
    if (!fromEval.isEmpty()) {
      DeploymentSnapshot named = api.deployment(fromEval);
      long namedVersion = versionOf(named);
      if (namedVersion == version) {
        return fromEval;
      }
      if (namedVersion > version) {
        throw superseded(job, named);
      }
    }
    Instant deadline = clock.instant().plus(appearTimeout);
    BlockingReads.Result<DeploymentSnapshot> latest =
        reads.until(
            q -> api.latestDeployment(registration.jobId(), q),
            d -> versionOf(d) >= version,
            () -> deadline);
    if (!latest.done()) {
      throw new StepFailedException(
          "Nomad started no deployment for "
              + job
              + " within "
              + GoDuration.format(appearTimeout)
              + (fromEval.isEmpty()
                  ? " (its evaluation named none; does the job have an update block?)"
                  : " (its evaluation named deployment "
                      + NomadScheduler.shortId(fromEval)
                      + " of an older version)"));
    }
    if (versionOf(latest.value()) > version) {
      throw superseded(job, latest.value());
    }
    return latest.value().id();
  }

  private static StepFailedException superseded(String job, DeploymentSnapshot newer) {
    return new StepFailedException(
        job
            + " was superseded by a newer version (v"
            + versionOf(newer)
            + ", deployment "
            + newer.shortId()
            + ") before its deployment started");
  }

  /** The deployment's job version; -1 when there is none or it names none. */
  static long versionOf(DeploymentSnapshot d) {
    return d == null ? -1 : d.jobVersion();
  }
}
