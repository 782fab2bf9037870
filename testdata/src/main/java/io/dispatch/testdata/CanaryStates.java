package io.dispatch.testdata;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The states a canary deployment goes through, in Nomad's wire format, made from the recorded
 * canary deployment ({@code deployment-canary-needs-promotion.json}: job v7, one canary of two
 * instances): placed, healthy and waiting for a promotion, promoted, successful or failed.
 */
final class CanaryStates {

  private CanaryStates() {}

  /**
   * The deployment at {@code index} with these counters, status and description.
   *
   * @param autoPromote whether the group promotes its canary once healthy
   */
  static ObjectNode at(
      long index,
      boolean autoPromote,
      boolean promoted,
      int placed,
      int healthy,
      int unhealthy,
      String status,
      String description) {
    ObjectNode d = NomadFixtures.object("deployment-canary-needs-promotion.json");
    d.put("Status", status);
    d.put("StatusDescription", description);
    d.put("ModifyIndex", index);
    ObjectNode group = (ObjectNode) d.get("TaskGroups").get("web");
    group.put("AutoPromote", autoPromote);
    group.put("Promoted", promoted);
    group.put("PlacedAllocs", placed);
    group.put("HealthyAllocs", healthy);
    group.put("UnhealthyAllocs", unhealthy);
    return d;
  }

  /** The canary is placed and not healthy yet. */
  static ObjectNode placed(long index, boolean autoPromote) {
    return at(index, autoPromote, false, 1, 0, 0, "running", "Deployment is running");
  }

  /** The canary is healthy; Nomad is about to promote it. */
  static ObjectNode pendingAutoPromotion(long index) {
    return at(
        index,
        true,
        false,
        1,
        1,
        0,
        "running",
        "Deployment is running pending automatic promotion");
  }

  /** Promoted: the old instances are being replaced. */
  static ObjectNode promoted(long index, boolean autoPromote) {
    return at(index, autoPromote, true, 2, 1, 0, "running", "Deployment is running");
  }

  static ObjectNode successful(long index, boolean autoPromote) {
    return at(index, autoPromote, true, 2, 2, 0, "successful", "Deployment completed successfully");
  }

  /** The canary failed its checks; Nomad rolls back to v6, registered again as v8. */
  static ObjectNode failed(long index) {
    return at(
        index,
        true,
        false,
        1,
        0,
        1,
        "failed",
        "Failed due to unhealthy allocations - rolling back to job version 6");
  }

  /** The rollback's deployment: v6's spec registered again as v8. */
  static ObjectNode revert(String status, String description, int healthy, long index) {
    ObjectNode d = NomadFixtures.object("deployment-revert-running.json");
    d.put("JobVersion", 8);
    d.put("Status", status);
    d.put("StatusDescription", description);
    d.put("ModifyIndex", index);
    ((ObjectNode) d.get("TaskGroups").get("web")).put("HealthyAllocs", healthy);
    return d;
  }
}
