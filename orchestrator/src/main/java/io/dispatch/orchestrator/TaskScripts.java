package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.DestroyRequest;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.params.TaskRequest;
import io.dispatch.lifecycle.ports.DeploymentEvents;
import io.dispatch.lifecycle.ports.ImageAdapters;
import io.dispatch.lifecycle.ports.JobDestroyer;
import io.dispatch.lifecycle.ports.RepositoryAdapters;
import io.dispatch.lifecycle.run.Outcome;
import io.dispatch.lifecycle.script.DeployImageScript;
import io.dispatch.lifecycle.script.DeployRepositoryScript;
import io.dispatch.lifecycle.script.DestroyScript;
import io.dispatch.lifecycle.script.RunContext;
import io.dispatch.lifecycle.source.WorkDirectory;

/**
 * Which script runs a task, with the adapters that task needs; what the script opened (clients, the
 * work directory) is closed when it ends, on every path.
 */
final class TaskScripts {

  private TaskScripts() {}

  static Outcome run(
      TaskRequest request,
      AdapterFactory factory,
      AdapterFactory.Run tools,
      RunContext run,
      DeploymentEvents events) {
    if (request instanceof ImageDeployment d) {
      try (AdapterFactory.Wired<ImageAdapters> adapters = factory.image(d, tools)) {
        return new DeployImageScript(run, adapters.adapters()).run(d);
      }
    }
    if (request instanceof RepositoryDeployment d) {
      try (AdapterFactory.Wired<RepositoryAdapters> adapters = factory.repository(d, tools);
          WorkDirectory work = WorkDirectory.create(run.settings().workRoot(), run.runId())) {
        return new DeployRepositoryScript(run, adapters.adapters()).run(d, work.path());
      }
    }
    DestroyRequest destroy = (DestroyRequest) request;
    try (AdapterFactory.Wired<JobDestroyer> destroyer = factory.destroy(tools)) {
      JobDestroyer announced = RunEvents.announcing(destroyer.adapters(), destroy.reason(), events);
      return new DestroyScript(run, announced).run(destroy);
    }
  }
}
