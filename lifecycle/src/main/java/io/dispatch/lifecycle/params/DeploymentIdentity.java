package io.dispatch.lifecycle.params;

/**
 * Who and what a deployment is, as the platform knows it.
 *
 * @param jobId the Nomad job ID
 * @param deploymentId the backend's deployment id, used for step updates; a {@link Checks#safeId}
 * @param serviceId the backend's service id, used for domains and the service update; a {@link
 *     Checks#safeId}
 * @param deploymentJobId the numeric id of the deployment job in the platform's database
 * @param userId the platform user who asked for it
 * @param ownerId the owning user or team
 * @param teamId the team, or empty
 * @param projectId the project, or empty
 */
public record DeploymentIdentity(
    String jobId,
    String deploymentId,
    String serviceId,
    long deploymentJobId,
    long userId,
    String ownerId,
    String teamId,
    String projectId) {

  public DeploymentIdentity {
    jobId = Checks.jobId(jobId, "jobId");
    deploymentId = Checks.safeId(deploymentId, "deploymentId");
    serviceId = Checks.safeId(serviceId, "serviceId");
    ownerId = Checks.orEmpty(ownerId);
    teamId = Checks.orEmpty(teamId);
    projectId = Checks.orEmpty(projectId);
  }
}
