package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.jobspec.JobRequest;
import io.dispatch.lifecycle.jobspec.JobRequests;
import io.dispatch.lifecycle.params.NomadTarget;

/** Job requests for tests, named for what they show. */
final class Requests {

  private Requests() {}

  /** The smallest request: one http port, image on Docker Hub, no credentials. */
  static JobRequest minimal(String jobId) {
    return JobRequests.minimal(jobId);
  }

  /** A request using every field. */
  static JobRequest everything() {
    return JobRequests.everything();
  }

  static NomadTarget target(String address, String token) {
    return new NomadTarget(address, token, "", "default", "");
  }
}
