package io.dispatch.orchestrator;

import io.dispatch.lifecycle.RuntimeSettings;
import io.dispatch.lifecycle.params.TaskRequest;
import io.dispatch.lifecycle.ports.Adapters;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;

/**
 * The real adapters. Not wired yet: the registry, Docker, git and Nomad adapters are being built;
 * until they land every task fails its first step with a message saying so.
 */
final class ProductionAdapters implements AdapterFactory {

  @Override
  public Wired create(
      TaskRequest request, RuntimeSettings settings, RunControl control, DeploymentLog log) {
    Adapters notYet =
        new Adapters(
            (image, credentials, c) -> {
              throw new StepFailedException("reading image configs is not implemented yet");
            },
            (source, dir) -> {
              throw new StepFailedException("fetching sources is not implemented yet");
            },
            null,
            null,
            job -> {
              throw new StepFailedException("destroying jobs is not implemented yet");
            });
    return new Wired(notYet, () -> {});
  }
}
