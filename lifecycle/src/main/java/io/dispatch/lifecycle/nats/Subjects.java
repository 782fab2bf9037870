package io.dispatch.lifecycle.nats;

/**
 * The subjects the earlier implementation published on, under {@code NATS_STREAM_PREFIX}: with a
 * prefix {@code P} each subject is {@code P.<subject>}.
 */
record Subjects(String prefix) {

  String statusChanged() {
    return withPrefix("deployment.status.changed");
  }

  String succeeded() {
    return withPrefix("deployment.succeeded");
  }

  String failed() {
    return withPrefix("deployment.failed");
  }

  String jobDestroyed() {
    return withPrefix("job.destroyed");
  }

  /** One message per line of the deployment's log. */
  String log(String deploymentId) {
    return withPrefix("build.log." + deploymentId);
  }

  /** The log's end, with the deployment's result. */
  String logEnd(String deploymentId) {
    return withPrefix("build.log.end." + deploymentId);
  }

  private String withPrefix(String subject) {
    return prefix.isEmpty() ? subject : prefix + "." + subject;
  }
}
