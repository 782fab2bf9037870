package io.dispatch.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Nomad's wire format as recorded in {@code nomad/*.json}, and the few variants the scenarios need
 * (the same objects at another index, with another ID or status).
 */
public final class NomadFixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  private NomadFixtures() {}

  /** A fresh, mutable copy of {@code nomad/<name>}. */
  public static JsonNode read(String name) {
    try (InputStream in = NomadFixtures.class.getResourceAsStream("/nomad/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no Nomad fixture nomad/" + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of {@code nomad/<name>}, e.g. to compare with {@code equalToJson}. */
  public static String text(String name) {
    return read(name).toString();
  }

  static ObjectNode object(String name) {
    return (ObjectNode) read(name);
  }

  /** The register eval before the scheduler ran: {@code eval-pending.json} with another ID. */
  static ObjectNode pendingEval(String evalId, long jobModifyIndex) {
    ObjectNode eval = object("eval-pending.json");
    eval.put("ID", evalId);
    eval.put("JobModifyIndex", jobModifyIndex);
    eval.put("CreateIndex", jobModifyIndex);
    eval.put("ModifyIndex", jobModifyIndex);
    return eval;
  }

  /** The register eval once scheduled, pointing at {@code deploymentId}. */
  static ObjectNode completeEval(String evalId, long jobModifyIndex, String deploymentId) {
    ObjectNode eval = object("eval-complete.json");
    eval.put("ID", evalId);
    eval.put("JobModifyIndex", jobModifyIndex);
    eval.put("DeploymentID", deploymentId);
    eval.put("SnapshotIndex", jobModifyIndex);
    eval.put("CreateIndex", jobModifyIndex);
    eval.put("ModifyIndex", jobModifyIndex + 2);
    return eval;
  }

  /** {@code deployment} while it still runs: one alloc placed, none healthy yet. */
  static ObjectNode running(String deployment, long index) {
    ObjectNode d = object(deployment);
    d.put("Status", "running");
    d.put("StatusDescription", "Deployment is running");
    d.put("ModifyIndex", index);
    d.get("TaskGroups")
        .forEach(
            g -> {
              ObjectNode group = (ObjectNode) g;
              group.put("PlacedAllocs", 1);
              group.put("HealthyAllocs", 0);
              group.put("UnhealthyAllocs", 0);
            });
    return d;
  }

  /** The index Nomad would send for {@code body}: its ModifyIndex, or the highest in a list. */
  static long indexOf(JsonNode body, long fallback) {
    if (body.isArray()) {
      long max = 0;
      for (JsonNode element : body) {
        max = Math.max(max, element.path("ModifyIndex").asLong(0));
      }
      return max == 0 ? fallback : max;
    }
    return body.path("ModifyIndex").asLong(fallback);
  }
}
