package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;

/** Child spans of the running step for what Nomad did: register, evaluation, deployment changes. */
final class NomadEvents {

  private final Trace trace;

  /**
   * @param trace the run's trace, or null to record nothing
   */
  NomadEvents(Trace trace) {
    this.trace = trace;
  }

  void event(String name, String detail) {
    if (trace != null) {
      trace.event(name, Span.Status.COMPLETED, "").attribute("summary", detail);
    }
  }
}
