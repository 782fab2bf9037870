package io.dispatch.lifecycle.nats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.lifecycle.nats.FakeSink.Answer;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.ports.DeploymentEvents;
import io.dispatch.lifecycle.ports.DeploymentEvents.Output;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What each call publishes: subject, payload keys and types, sequence, masking. */
class NatsEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DeploymentIdentity DEPLOYMENT =
      new DeploymentIdentity("hello-web", "dep_42", "svc_hello", 42, 1234, "3694", "", "prj_demo");
  private static final UnaryOperator<String> MASK = s -> s.replace("s3cr3t-token", "***");

  private final FakeSink sink = FakeSink.answering(Answer.ACK);

  private DeploymentEvents events(DeploymentIdentity deployment, String type) {
    Publisher publisher = new Publisher(sink, Clock.systemUTC(), 1 << 20, 8, "nats://x").start();
    return new NatsEvents(
        publisher, new Subjects("cs"), new Payloads(MASK, deployment), deployment, type);
  }

  private List<String> subjects() {
    return sink.sent.stream().map(FakeSink.Sent::subject).toList();
  }

  private JsonNode body(int i) throws Exception {
    return JSON.readTree(sink.sent.get(i).body());
  }

  @Test
  void aDeploymentPublishesStartedItsLinesItsResultAndTheEndUnderThePrefix() throws Exception {
    DeploymentEvents events = events(DEPLOYMENT, "image");

    events.started();
    events.line(Output.STDOUT, "init", 1_700_000_000_123L, "▶ image_download");
    events.line(Output.STDERR, "detect", 1_700_000_000_456L, "WARN no ports");
    events.line(Output.STDOUT, "deploy", 1_700_000_000_789L, "✓ deploy with s3cr3t-token");
    events.finished(true);
    events.close(Duration.ofMinutes(1));

    assertThat(subjects())
        .containsExactly(
            "cs.deployment.status.changed",
            "cs.build.log.dep_42",
            "cs.build.log.dep_42",
            "cs.build.log.dep_42",
            "cs.deployment.succeeded",
            "cs.build.log.end.dep_42");
    assertThat(sink.sent.get(0).body()).isEqualTo("{\"jobId\":42,\"status\":\"IN_PROGRESS\"}");
    assertThat(sink.sent.get(1).body())
        .isEqualTo(
            "{\"deploymentId\":\"dep_42\",\"jobId\":42,\"serviceId\":\"svc_hello\","
                + "\"ownerId\":\"3694\",\"logOutput\":\"stdout\",\"content\":\"▶ image_download\\n\","
                + "\"timestamp\":1700000000123,\"sequence\":1,\"phase\":\"init\"}");
    assertThat(body(2).get("logOutput").asText()).isEqualTo("stderr");
    assertThat(body(2).get("sequence").asLong()).as("stderr counts on its own").isEqualTo(1);
    assertThat(body(3).get("sequence").asLong()).isEqualTo(2);
    assertThat(body(3).get("content").asText()).isEqualTo("✓ deploy with ***\n");
    assertThat(sink.sent.get(4).body())
        .isEqualTo(
            "{\"jobId\":42,\"type\":\"image\",\"deploymentId\":\"dep_42\",\"serviceId\":\"svc_hello\","
                + "\"teamId\":\"\",\"userId\":\"1234\",\"ownerId\":\"3694\"}");
    assertThat(sink.sent.get(5).body())
        .isEqualTo("{\"deploymentId\":\"dep_42\",\"jobId\":42,\"status\":\"success\"}");
  }

  @Test
  void aFailedDeploymentPublishesFailedAndAFailedEnd() throws Exception {
    DeploymentEvents events = events(DEPLOYMENT, "git_repo");

    events.finished(false);
    events.close(Duration.ofMinutes(1));

    assertThat(subjects()).containsExactly("cs.deployment.failed", "cs.build.log.end.dep_42");
    assertThat(body(0).get("type").asText()).isEqualTo("git_repo");
    assertThat(body(1).get("status").asText()).isEqualTo("failed");
  }

  @Test
  void destroyPublishesOnlyJobDestroyedWithMaskedStrings() {
    DeploymentEvents events = events(null, "");

    events.started();
    events.line(Output.STDOUT, "init", 1L, "not streamed");
    events.jobDestroyed("svc_1", "reason with s3cr3t-token");
    events.finished(true);
    events.close(Duration.ofMinutes(1));

    assertThat(subjects()).containsExactly("cs.job.destroyed");
    assertThat(sink.sent.get(0).body())
        .isEqualTo("{\"id\":\"svc_1\",\"reason\":\"reason with ***\"}");
  }

  @Test
  void withoutAPrefixTheSubjectsAreTheBareNames() {
    Subjects subjects = new Subjects("");

    assertThat(subjects.statusChanged()).isEqualTo("deployment.status.changed");
    assertThat(subjects.log("d1")).isEqualTo("build.log.d1");
    assertThat(subjects.logEnd("d1")).isEqualTo("build.log.end.d1");
    assertThat(subjects.jobDestroyed()).isEqualTo("job.destroyed");
  }
}
