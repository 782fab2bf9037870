package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.params.InvalidParameterException;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;

/**
 * Stops and purges jobs ({@code DELETE /v1/job/<id>?purge=true}), each on its own cluster with its
 * own token. A job Nomad does not know is already gone. Transient failures are retried within the
 * retry window; a job that cannot be destroyed is reported, never thrown, so that the others are
 * still tried.
 *
 * <p>The job id is sent as exactly one path segment ({@link NomadApi#stopAndPurge}); {@code .} and
 * {@code ..}, which a server or proxy would resolve as a step up to another object, are refused
 * before anything is sent.
 */
public final class NomadDestroyer {

  private final RunControl control;
  private final NomadSettings settings;
  private final DeploymentLog log;

  public NomadDestroyer(RunControl control, NomadSettings settings, DeploymentLog log) {
    this.control = control;
    this.settings = settings;
    this.log = log;
  }

  /**
   * Stops and purges {@code jobId} on {@code target}.
   *
   * @throws io.dispatch.lifecycle.run.RunAbortedException only when the run is cancelled or out of
   *     time
   */
  public DestroyResult destroy(NomadTarget target, String jobId) {
    try {
      Checks.pathSegment(jobId, "jobId");
    } catch (InvalidParameterException e) {
      return DestroyResult.failed(
          "cannot stop job '" + Checks.quote(jobId) + "': " + e.getMessage());
    }
    try (NomadApi api = NomadApi.open(target, settings, control, log)) {
      api.stopAndPurge(jobId);
      log.detail("stopped and purged job " + jobId + " on " + api.address());
      return DestroyResult.destroyed();
    } catch (NomadApiException e) {
      if (e.status() == 404) {
        log.detail(
            "job "
                + jobId
                + " is already gone from "
                + NomadConnection.printable(target.address()));
        return DestroyResult.alreadyGone();
      }
      return DestroyResult.failed(
          (e.isRejection() ? "Nomad refused to stop job " : "could not stop job ")
              + jobId
              + ": "
              + e.getMessage());
    } catch (StepFailedException e) {
      return DestroyResult.failed("could not stop job " + jobId + ": " + e.getMessage());
    }
  }
}
