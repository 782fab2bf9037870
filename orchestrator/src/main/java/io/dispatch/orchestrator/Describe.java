package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.DestroyRequest;
import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.params.TaskRequest;
import io.dispatch.lifecycle.params.UploadSource;

/** One line saying what a request asks for, for the first line of the log. No secrets. */
final class Describe {

  private Describe() {}

  static String request(TaskRequest request) {
    if (request instanceof ImageDeployment d) {
      return d.image()
          + " as job "
          + d.identity().jobId()
          + " (deployment "
          + d.identity().deploymentId()
          + ") on "
          + d.nomad().address();
    }
    if (request instanceof RepositoryDeployment d) {
      return source(d)
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

  private static String source(RepositoryDeployment d) {
    if (d.source() instanceof GitSource g) {
      return g.display() + " branch " + g.branch();
    }
    return "upload " + ((UploadSource) d.source()).display();
  }
}
