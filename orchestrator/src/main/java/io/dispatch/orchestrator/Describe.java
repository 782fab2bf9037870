package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.DestroyRequest;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.params.TaskRequest;

/** One line saying what a request asks for, for the first line of the log. No secrets. */
final class Describe {

  private Describe() {}

  static String request(TaskRequest request) {
    if (request instanceof ServiceDeployment d) {
      return d.what()
          + " as job "
          + d.identity().jobId()
          + " (deployment "
          + d.identity().deploymentId()
          + ") on "
          + d.nomad().address();
    }
    DestroyRequest d = (DestroyRequest) request;
    return d.jobs().size() + " job(s), reason " + d.reason();
  }
}
