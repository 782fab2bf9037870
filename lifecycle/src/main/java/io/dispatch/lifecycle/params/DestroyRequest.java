package io.dispatch.lifecycle.params;

import java.util.List;

/**
 * {@code destroy-job-pack}: stop and purge Nomad jobs.
 *
 * @param jobs the jobs, each on its own cluster
 * @param reason why (e.g. {@code delete}, {@code suspend_account}); logged
 */
public record DestroyRequest(List<JobToDestroy> jobs, String reason) implements TaskRequest {

  public DestroyRequest {
    if (jobs == null || jobs.isEmpty()) {
      throw new InvalidParameterException("jobs", "must list at least one job");
    }
    jobs = List.copyOf(jobs);
    reason = Checks.required(reason, "reason");
  }

  @Override
  public String task() {
    return "destroy-job-pack";
  }

  /**
   * One job to destroy, with the cluster it runs on. Its id is a {@link Checks#nomadJobId}: it is
   * sent as exactly one escaped segment of {@code DELETE /v1/job/<jobId>}.
   */
  public record JobToDestroy(String jobId, String serviceId, NomadTarget nomad) {
    public JobToDestroy {
      jobId = Checks.nomadJobId(jobId, "jobId");
      serviceId = Checks.optionalSafeId(serviceId, "serviceId");
    }
  }
}
