package io.dispatch.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/** The body of {@code PUT /api/local/deployment-step/update}. */
@JsonPropertyOrder({"deploymentId", "deployment_type", "step", "status", "error"})
public record StepUpdate(
    @JsonProperty("deploymentId") String deploymentId,
    @JsonProperty("deployment_type") String deploymentType,
    @JsonProperty("step") String step,
    @JsonProperty("status") String status,
    @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_EMPTY) String error) {

  public StepUpdate {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(deploymentType, "deploymentType");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(status, "status");
  }

  public static StepUpdate of(
      String deploymentId, String deploymentType, String step, StepStatus status, String error) {
    return new StepUpdate(deploymentId, deploymentType, step, status.wire(), error);
  }
}
