package io.dispatch.lifecycle.nomad;

import com.hashicorp.nomad.apimodel.Deployment;
import com.hashicorp.nomad.apimodel.DeploymentState;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployment as we read it: its status and the counters of all its task groups added up.
 *
 * @param promoted every group with canaries has had them promoted (or has none)
 * @param awaitingPromotion some group's canaries are healthy and wait for a manual promotion
 */
record DeploymentSnapshot(
    String id,
    long jobVersion,
    String status,
    String description,
    int desired,
    int placed,
    int healthy,
    int unhealthy,
    int canaries,
    boolean promoted,
    boolean awaitingPromotion) {

  /**
   * Nomad's text when a failed deployment rolls back: {@code … - rolling back to job version 3}.
   */
  private static final Pattern ROLLBACK =
      Pattern.compile("\\s*-\\s*rolling back to job version (\\d+)\\s*$");

  static DeploymentSnapshot of(Deployment d) {
    int desired = 0;
    int placed = 0;
    int healthy = 0;
    int unhealthy = 0;
    int canaries = 0;
    boolean promoted = true;
    boolean awaitingPromotion = false;
    Map<String, DeploymentState> groups = d.getTaskGroups() == null ? Map.of() : d.getTaskGroups();
    for (DeploymentState g : groups.values()) {
      desired += g.getDesiredTotal();
      placed += g.getPlacedAllocs();
      healthy += g.getHealthyAllocs();
      unhealthy += g.getUnhealthyAllocs();
      canaries += g.getDesiredCanaries();
      promoted &= g.getDesiredCanaries() == 0 || g.getPromoted();
      // AutoPromote (Nomad 0.11+) is not in the SDK's DeploymentState model.
      boolean autoPromote = Boolean.TRUE.equals(g.getUnmappedProperties().get("AutoPromote"));
      awaitingPromotion |=
          g.getDesiredCanaries() > 0
              && !g.getPromoted()
              && !autoPromote
              && g.getHealthyAllocs() >= g.getDesiredCanaries();
    }
    return new DeploymentSnapshot(
        d.getId(),
        d.getJobVersion() == null ? -1 : d.getJobVersion().longValue(),
        d.getStatus() == null ? "" : d.getStatus(),
        d.getStatusDescription() == null ? "" : d.getStatusDescription(),
        desired,
        placed,
        healthy,
        unhealthy,
        canaries,
        promoted,
        awaitingPromotion && "running".equals(d.getStatus()));
  }

  /** {@code successful}, {@code failed} and {@code cancelled} are final. */
  boolean isTerminal() {
    return switch (status) {
      case "successful", "failed", "cancelled" -> true;
      default -> false;
    };
  }

  boolean isSuccessful() {
    return status.equals("successful");
  }

  boolean isCancelled() {
    return status.equals("cancelled");
  }

  /** The version Nomad rolls back to, when the description says it does. */
  OptionalLong rollbackVersion() {
    Matcher m = ROLLBACK.matcher(description);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** The description without Nomad's rollback suffix (which we report ourselves). */
  String reason() {
    return ROLLBACK.matcher(description).replaceFirst("");
  }

  /** The first 8 characters of the ID, as the Nomad CLI shows it. */
  String shortId() {
    return NomadScheduler.shortId(id);
  }

  /** {@code 1/2 healthy}, with unhealthy and canary counts when there are any. */
  String progress() {
    StringBuilder s = new StringBuilder().append(healthy).append('/').append(desired);
    s.append(" healthy");
    if (unhealthy > 0) {
      s.append(", ").append(unhealthy).append(" unhealthy");
    }
    if (canaries > 0) {
      s.append(", ").append(canaries).append(canaries == 1 ? " canary" : " canaries");
      s.append(promoted ? " promoted" : awaitingPromotion ? " awaiting promotion" : "");
    }
    return s.toString();
  }
}
