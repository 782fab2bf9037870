package io.dispatch.lifecycle.nats;

import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.ports.DeploymentEvents.Output;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The message bodies, with the earlier implementation's keys, in its order, and types: {@code
 * jobId} is the integer {@code deploymentJobId}, {@code userId} a decimal string. Every string
 * value passes through the run's secret masker. Log lines are the bulk of what is sent, so the part
 * of their body that every line repeats is written once.
 */
final class Payloads {

  private final UnaryOperator<String> mask;
  private final DeploymentIdentity d;
  private final Map<Output, String> linePrefix = new EnumMap<>(Output.class);
  private final Map<String, String> phases = new HashMap<>();

  /**
   * @param deployment the deployment the messages are about, or null (destroy-job-pack)
   */
  Payloads(UnaryOperator<String> mask, DeploymentIdentity deployment) {
    this.mask = mask;
    this.d = deployment;
  }

  /** {@code deployment.status.changed}. */
  byte[] started() {
    return bytes("{\"jobId\":" + d.deploymentJobId() + ",\"status\":\"IN_PROGRESS\"}");
  }

  /** {@code deployment.succeeded} and {@code deployment.failed}. */
  byte[] result(String type) {
    return bytes(
        "{\"jobId\":"
            + d.deploymentJobId()
            + ",\"type\":"
            + string(type)
            + ",\"deploymentId\":"
            + string(d.deploymentId())
            + ",\"serviceId\":"
            + string(d.serviceId())
            + ",\"teamId\":"
            + string(d.teamId())
            + ",\"userId\":"
            + string(Long.toString(d.userId()))
            + ",\"ownerId\":"
            + string(d.ownerId())
            + "}");
  }

  /**
   * {@code build.log.<deploymentId>}: one line, with its line break. Called on the publisher's
   * thread only.
   */
  byte[] line(Output output, String text, long timestampMillis, long sequence, String phase) {
    String prefix =
        linePrefix.computeIfAbsent(
            output,
            o ->
                "{\"deploymentId\":"
                    + string(d.deploymentId())
                    + ",\"jobId\":"
                    + d.deploymentJobId()
                    + ",\"serviceId\":"
                    + string(d.serviceId())
                    + ",\"ownerId\":"
                    + string(d.ownerId())
                    + ",\"logOutput\":\""
                    + o.name().toLowerCase(Locale.ROOT)
                    + "\",\"content\":");
    StringBuilder b = new StringBuilder(prefix.length() + text.length() + 80).append(prefix);
    quote(b, mask.apply(text + "\n"));
    b.append(",\"timestamp\":").append(timestampMillis).append(",\"sequence\":").append(sequence);
    b.append(",\"phase\":").append(phases.computeIfAbsent(phase, this::string)).append('}');
    return bytes(b.toString());
  }

  /** {@code build.log.end.<deploymentId>}. */
  byte[] logEnd(boolean succeeded) {
    return bytes(
        "{\"deploymentId\":"
            + string(d.deploymentId())
            + ",\"jobId\":"
            + d.deploymentJobId()
            + ",\"status\":\""
            + (succeeded ? "success" : "failed")
            + "\"}");
  }

  /** {@code job.destroyed}. */
  byte[] jobDestroyed(String serviceId, String reason) {
    return bytes("{\"id\":" + string(serviceId) + ",\"reason\":" + string(reason) + "}");
  }

  /** A masked value as a JSON string. */
  private String string(String value) {
    StringBuilder b = new StringBuilder();
    quote(b, mask.apply(value == null ? "" : value));
    return b.toString();
  }

  /** Appends {@code s} as a JSON string literal: quotes, backslashes and controls escaped. */
  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
