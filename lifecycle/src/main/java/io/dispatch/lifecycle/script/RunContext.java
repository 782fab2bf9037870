package io.dispatch.lifecycle.script;

import io.dispatch.backend.DeploymentBackend;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.Outcome;
import io.dispatch.lifecycle.run.RunAbortedException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.run.Steps;
import io.dispatch.lifecycle.trace.Trace;
import java.util.function.Supplier;

/**
 * What every task's script works with: its steps, log, trace, deadline, backend and settings, and
 * the run's id (in the job's meta, so that every run makes a new job version).
 */
public record RunContext(
    Steps steps,
    Trace trace,
    DeploymentLog log,
    RunControl control,
    DeploymentBackend backend,
    RuntimeSettings settings,
    String runId) {

  /** Runs a script: a step that failed, or a stop, becomes the run's outcome. */
  Outcome outcome(Supplier<Outcome> script) {
    try {
      return script.get();
    } catch (StepFailedException e) {
      return Outcome.failed(steps.lastStep(), e.getMessage());
    } catch (RunAbortedException e) {
      return Outcome.aborted(steps.lastStep(), e);
    }
  }
}
