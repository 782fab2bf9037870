package io.dispatch.lifecycle.nats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.ports.DeploymentEvents.Output;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The message bodies, with the earlier implementation's keys and types: {@code jobId} is the
 * integer {@code deploymentJobId}, {@code userId} a decimal string. Every string value passes
 * through the run's secret masker.
 */
final class Payloads {

  private static final JsonFactory JSON = new JsonFactory();

  private final UnaryOperator<String> mask;

  /** The masked form of the values every line repeats (ids, phase): masked once, not per line. */
  private final Map<String, String> repeated = new ConcurrentHashMap<>();

  Payloads(UnaryOperator<String> mask) {
    this.mask = mask;
  }

  /** {@code deployment.status.changed}. */
  byte[] started(DeploymentIdentity d) {
    return write(
        g -> {
          g.writeNumberField("jobId", d.deploymentJobId());
          g.writeStringField("status", "IN_PROGRESS");
        });
  }

  /** {@code deployment.succeeded} and {@code deployment.failed}. */
  byte[] result(DeploymentIdentity d, String type) {
    return write(
        g -> {
          g.writeNumberField("jobId", d.deploymentJobId());
          string(g, "type", type);
          string(g, "deploymentId", d.deploymentId());
          string(g, "serviceId", d.serviceId());
          string(g, "teamId", d.teamId());
          string(g, "userId", Long.toString(d.userId()));
          string(g, "ownerId", d.ownerId());
        });
  }

  /** {@code build.log.<deploymentId>}: one line, with its line break. */
  byte[] line(
      DeploymentIdentity d,
      Output output,
      String text,
      long timestampMillis,
      long sequence,
      String phase) {
    return write(
        g -> {
          repeated(g, "deploymentId", d.deploymentId());
          g.writeNumberField("jobId", d.deploymentJobId());
          repeated(g, "serviceId", d.serviceId());
          repeated(g, "ownerId", d.ownerId());
          g.writeStringField("logOutput", output.name().toLowerCase(Locale.ROOT));
          string(g, "content", text + "\n");
          g.writeNumberField("timestamp", timestampMillis);
          g.writeNumberField("sequence", sequence);
          repeated(g, "phase", phase);
        });
  }

  /** {@code build.log.end.<deploymentId>}. */
  byte[] logEnd(DeploymentIdentity d, boolean succeeded) {
    return write(
        g -> {
          string(g, "deploymentId", d.deploymentId());
          g.writeNumberField("jobId", d.deploymentJobId());
          g.writeStringField("status", succeeded ? "success" : "failed");
        });
  }

  /** {@code job.destroyed}. */
  byte[] jobDestroyed(String serviceId, String reason) {
    return write(
        g -> {
          string(g, "id", serviceId);
          string(g, "reason", reason);
        });
  }

  private void string(JsonGenerator g, String key, String value) throws IOException {
    g.writeStringField(key, mask.apply(value == null ? "" : value));
  }

  private void repeated(JsonGenerator g, String key, String value) throws IOException {
    String v = value == null ? "" : value;
    g.writeStringField(key, repeated.computeIfAbsent(v, mask));
  }

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
