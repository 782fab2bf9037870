package io.dispatch.lifecycle.nomad;

import java.util.Objects;
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

  DeploymentSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(description, "description");
  }

  /**
   * Nomad's text when a failed deployment rolls back: {@code … - rolling back to job version 3}.
   */
  private static final Pattern ROLLBACK =
      Pattern.compile("\\s*-\\s*rolling back to job version (\\d+)\\s*$");

  /**
   * One task group's counters in a deployment ({@code TaskGroups.<name>}).
   *
   * @param autoPromote its canaries are promoted by Nomad once healthy
   */
  record GroupState(
      int desiredTotal,
      int placed,
      int healthy,
      int unhealthy,
      int desiredCanaries,
      boolean promoted,
      boolean autoPromote) {}

  /**
   * A deployment from its own fields and its groups' counters, added up.
   *
   * @param jobVersion -1 when Nomad names none
   */
  static DeploymentSnapshot of(
      String id, long jobVersion, String status, String description, Iterable<GroupState> groups) {
    int desired = 0;
    int placed = 0;
    int healthy = 0;
    int unhealthy = 0;
    int canaries = 0;
    boolean promoted = true;
    boolean awaitingPromotion = false;
    for (GroupState g : groups) {
      desired += g.desiredTotal();
      placed += g.placed();
      healthy += g.healthy();
      unhealthy += g.unhealthy();
      canaries += g.desiredCanaries();
      promoted &= g.desiredCanaries() == 0 || g.promoted();
      awaitingPromotion |=
          g.desiredCanaries() > 0
              && !g.promoted()
              && !g.autoPromote()
              && g.healthy() >= g.desiredCanaries();
    }
    return new DeploymentSnapshot(
        id,
        jobVersion,
        status,
        description,
        desired,
        placed,
        healthy,
        unhealthy,
        canaries,
        promoted,
        awaitingPromotion && "running".equals(status));
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
