package io.dispatch.lifecycle.script;

import io.dispatch.lifecycle.params.DestroyRequest;
import io.dispatch.lifecycle.params.DestroyRequest.JobToDestroy;
import io.dispatch.lifecycle.ports.JobDestroyer;
import io.dispatch.lifecycle.run.Outcome;
import io.dispatch.lifecycle.run.StepFailedException;
import java.util.ArrayList;
import java.util.List;

/** destroy-job-pack: stop and purge each job; one failure does not stop the others. */
public final class DestroyScript {

  private final RunContext run;
  private final JobDestroyer destroyer;

  public DestroyScript(RunContext run, JobDestroyer destroyer) {
    this.run = run;
    this.destroyer = destroyer;
  }

  public Outcome run(DestroyRequest request) {
    return run.outcome(
        () -> {
          run.log().detail("reason: " + request.reason());
          List<String> failures = new ArrayList<>();
          for (JobToDestroy job : request.jobs()) {
            run.control().checkpoint();
            try {
              run.steps()
                  .phase(
                      "destroy " + job.jobId(),
                      job.nomad().address(),
                      span -> {
                        JobDestroyer.Result r = destroyer.destroy(job);
                        if (r.status() == JobDestroyer.Result.Status.FAILED) {
                          throw new StepFailedException(r.reason());
                        }
                        span.attribute("summary", summary(r));
                        return r;
                      });
            } catch (StepFailedException e) {
              failures.add(job.jobId() + ": " + e.getMessage());
            }
          }
          int n = request.jobs().size();
          if (!failures.isEmpty()) {
            return Outcome.failed(
                "destroy",
                failures.size()
                    + " of "
                    + n
                    + " job(s) not destroyed: "
                    + String.join("; ", failures));
          }
          return Outcome.succeeded(n + " job(s) destroyed (" + request.reason() + ")");
        });
  }

  private static String summary(JobDestroyer.Result r) {
    if (!r.reason().isEmpty()) {
      return r.reason();
    }
    return r.status() == JobDestroyer.Result.Status.DESTROYED ? "destroyed" : "already gone";
  }
}
