package io.dispatch.orchestrator;

import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.trace.Span;
import java.util.List;

/** A Nomad stand-in that records each release it is given and reports it healthy at once. */
class RecordingScheduler implements ServiceScheduler {

  private final List<Release> released;

  /** Records into {@code released}. */
  RecordingScheduler(List<Release> released) {
    this.released = released;
  }

  @Override
  public RegisteredJob register(Release release, Span span) {
    released.add(release);
    return new RegisteredJob(
        release.identity().jobId(),
        "eval-1",
        10,
        1,
        release.service().update(),
        release.runtime().kind());
  }

  @Override
  public String awaitHealthy(RegisteredJob job, Span span) {
    return "v1: 1/1 healthy";
  }
}
