package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.ports.ImageAdapters;
import io.dispatch.lifecycle.ports.JobDestroyer;
import io.dispatch.lifecycle.ports.RepositoryAdapters;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.trace.Trace;

/**
 * Builds the adapters one task needs, once, at the edge: one method per task, each with the set
 * that task's script takes. A dry run is another factory ({@link DryRunAdapters}), not a flag.
 */
interface AdapterFactory {

  /** What building adapters may use from the run. */
  record Run(RuntimeSettings settings, RunControl control, DeploymentLog log, Trace trace) {}

  Wired<ImageAdapters> image(ImageDeployment deployment, Run run);

  Wired<RepositoryAdapters> repository(RepositoryDeployment deployment, Run run);

  Wired<JobDestroyer> destroy(Run run);

  /** The adapters, and what to release when the run is over. */
  record Wired<T>(T adapters, Runnable release) implements AutoCloseable {
    /** Adapters that hold nothing to release. */
    static <T> Wired<T> of(T adapters) {
      return new Wired<>(adapters, () -> {});
    }

    @Override
    public void close() {
      release.run();
    }
  }
}
