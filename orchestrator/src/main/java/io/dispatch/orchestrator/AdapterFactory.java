package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.params.TaskRequest;
import io.dispatch.lifecycle.ports.Adapters;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.trace.Trace;

/** Builds the adapters one run needs, once, at the edge. */
@FunctionalInterface
interface AdapterFactory {

  Wired create(
      TaskRequest request,
      RuntimeSettings settings,
      RunControl control,
      DeploymentLog log,
      Trace trace);

  /** The adapters, and what to release when the run is over. */
  record Wired(Adapters adapters, Runnable release) implements AutoCloseable {
    @Override
    public void close() {
      release.run();
    }
  }
}
