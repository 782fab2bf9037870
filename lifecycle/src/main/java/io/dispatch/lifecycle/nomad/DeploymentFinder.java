package io.dispatch.lifecycle.nomad;

import com.hashicorp.nomad.apimodel.Deployment;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.portdetector.GoDuration;
import java.time.Instant;

/**
 * Picks the deployment that rolls out the registered version. The evaluation names one, but after a
 * register that changed nothing it names the previous (finished) one, and some evaluations name
 * none; so the version is checked, and otherwise the job's latest deployment is awaited.
 */
final class DeploymentFinder {

  private final NomadConnection connection;
  private final BlockingReads reads;

  DeploymentFinder(NomadConnection connection, BlockingReads reads) {
    this.connection = connection;
    this.reads = reads;
  }

  /**
   * The ID of the deployment of {@code registration}'s version.
   *
   * @param fromEval the deployment the evaluation names, or empty
   * @throws StepFailedException when a newer version took over, or none appears in time
   */
  String find(Registration registration, String fromEval) {
    long version = registration.jobVersion();
    String job = "job " + registration.jobId() + " v" + version;
    if (!fromEval.isEmpty()) {
      Deployment named =
          connection
              .calls()
              .call(
                  "read deployment " + NomadScheduler.shortId(fromEval),
                  () -> connection.api().getDeploymentsApi().info(fromEval))
              .getValue();
      long namedVersion = versionOf(named);
      if (namedVersion == version) {
        return fromEval;
      }
      if (namedVersion > version) {
        throw superseded(job, named);
      }
    }
    Instant deadline =
        connection
            .control()
            .clock()
            .instant()
            .plus(connection.settings().deploymentAppearTimeout());
    BlockingReads.Result<Deployment> latest =
        reads.until(
            "read the latest deployment of job " + registration.jobId(),
            q -> connection.api().getJobsApi().latestDeployment(registration.jobId(), q),
            d -> d != null && versionOf(d) >= version,
            () -> deadline);
    if (!latest.done()) {
      throw new StepFailedException(
          "Nomad started no deployment for "
              + job
              + " within "
              + GoDuration.format(connection.settings().deploymentAppearTimeout())
              + (fromEval.isEmpty()
                  ? " (its evaluation named none; does the job have an update block?)"
                  : " (its evaluation named deployment "
                      + NomadScheduler.shortId(fromEval)
                      + " of an older version)"));
    }
    if (versionOf(latest.value()) > version) {
      throw superseded(job, latest.value());
    }
    return latest.value().getId();
  }

  private static StepFailedException superseded(String job, Deployment newer) {
    return new StepFailedException(
        job
            + " was superseded by a newer version (v"
            + versionOf(newer)
            + ", deployment "
            + NomadScheduler.shortId(newer.getId())
            + ") before its deployment started");
  }

  static long versionOf(Deployment d) {
    return d == null || d.getJobVersion() == null ? -1 : d.getJobVersion().longValue();
  }
}
