package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.params.DestroyRequest.JobToDestroy;

/** Stops and purges jobs. */
public interface JobDestroyer {

  /**
   * Stops and purges one job on its own cluster; never throws for a job that cannot be destroyed.
   */
  Result destroy(JobToDestroy job);

  /**
   * What happened to one job.
   *
   * @param reason why it failed; for a job that did not fail, what happened in a few words when the
   *     destroyer has something to say (e.g. that nothing was sent), else empty
   */
  record Result(Status status, String reason) {
    public enum Status {
      DESTROYED,
      ALREADY_GONE,
      FAILED
    }

    public static Result failed(String reason) {
      return new Result(Status.FAILED, reason);
    }
  }
}
