package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.trace.Span;
import java.util.Optional;

/** {@code deploy: "noop"}: the scheduler that writes nothing to Nomad and says so. */
public final class NoopDeploy implements ServiceScheduler {

  static final String REASON = "deploy is \"noop\": nothing is written to Nomad";

  @Override
  public RegisteredJob register(Release release, Span span) {
    span.attribute("summary", "not registered (deploy is \"noop\")");
    return new RegisteredJob(
        release.identity().jobId(), "", 0, 0, release.service().update(), release.runtime().kind());
  }

  @Override
  public String awaitHealthy(RegisteredJob job, Span span) {
    return "not followed (deploy is \"noop\")";
  }

  @Override
  public Optional<String> skipReason() {
    return Optional.of(REASON);
  }
}
