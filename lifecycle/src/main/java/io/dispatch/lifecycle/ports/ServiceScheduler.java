package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.trace.Span;
import java.util.Optional;

/** Runs a release as a service and says when it is healthy. */
public interface ServiceScheduler {

  /**
   * Registers the release's job.
   *
   * @throws io.dispatch.lifecycle.run.StepFailedException when the scheduler refuses it
   */
  RegisteredJob register(Release release, Span span);

  /**
   * Waits until the registered version is healthy.
   *
   * @return one line describing the healthy service, e.g. {@code v4: 2/2 healthy}
   * @throws io.dispatch.lifecycle.run.StepFailedException saying why it is not
   */
  String awaitHealthy(RegisteredJob job, Span span);

  /**
   * Why this scheduler writes nothing to Nomad, when it writes nothing (a dry run, {@code deploy:
   * "noop"}): it is then only given the release to show, and the deploy and healthCheck steps are
   * skipped with this reason.
   */
  default Optional<String> skipReason() {
    return Optional.empty();
  }
}
