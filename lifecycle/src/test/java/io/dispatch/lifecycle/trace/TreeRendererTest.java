package io.dispatch.lifecycle.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TreeRendererTest {

  private final TestClock clock = new TestClock(Instant.parse("2026-11-22T10:00:00Z"));

  /** A failed image deployment: every kind of span, with known durations. */
  private Trace failedRun() {
    Trace trace =
        Trace.start(clock, "deploy-image", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
    Span download = trace.open("image_download");
    download.attribute("summary", "sha256:ab12cd34ef56, exposes 8080/tcp (registry)");
    clock.advance(Duration.ofMillis(120));
    trace.close(download, Span.Status.COMPLETED, "");
    Span networks = trace.open("networks");
    trace
        .event("ask-domain", Span.Status.COMPLETED, "")
        .attribute("port", 8080)
        .attribute("domain", "app-1.apps.test");
    trace
        .event("ask-domain", Span.Status.FAILED, "no domain for port 9090")
        .attribute("port", 9090);
    clock.advance(Duration.ofMillis(45));
    networks.attribute("summary", "8080/http app-1.apps.test, 9090/tcp");
    trace.close(networks, Span.Status.COMPLETED, "");
    trace.event("push", Span.Status.SKIPPED, "build.disablePush is set");
    Span deploy = trace.open("deploy");
    clock.advance(Duration.ofMillis(310));
    deploy.attribute("job.version", 4).attribute("eval.id", "5b9d2c1e");
    trace.close(deploy, Span.Status.COMPLETED, "");
    Span health = trace.open("healthCheck");
    clock.advance(Duration.ofMillis(2150));
    trace.event("deployment running", Span.Status.COMPLETED, "").attribute("healthy", "1/2");
    clock.advance(Duration.ofSeconds(63));
    trace.close(
        health,
        Span.Status.FAILED,
        "Failed due to unhealthy allocations; web-app.web[0]: Exit Code: 1");
    trace.finish(Span.Status.FAILED, "Failed due to unhealthy allocations");
    return trace;
  }

  @Test
  void rendersOneLinePerSpanWithSymbolDurationAndReason() {
    assertThat(TreeRenderer.render(failedRun())).isEqualTo(Fixtures.text("trace/failed-run.txt"));
  }

  @Test
  void theJsonTraceHasTheSameTreeWithTimesAndAttributes() {
    JsonNode json = TraceJson.toJson(failedRun());

    assertThat(json.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(json.path("parentSpanId").asText()).isEqualTo("00f067aa0ba902b7");
    JsonNode steps = json.path("root").path("children");
    assertThat(steps)
        .extracting(s -> s.path("name").asText())
        .containsExactly("image_download", "networks", "push", "deploy", "healthCheck");
    assertThat(steps.get(0).path("durationMs").asLong()).isEqualTo(120);
    assertThat(steps.get(0).path("start").asText()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(steps.get(1).path("children").get(0).path("attributes").path("domain").asText())
        .isEqualTo("app-1.apps.test");
    assertThat(steps.get(2).path("status").asText()).isEqualTo("skipped");
    assertThat(steps.get(3).path("attributes").path("job.version").asText()).isEqualTo("4");
    assertThat(steps.get(4).path("status").asText()).isEqualTo("failed");
    assertThat(steps.get(4).path("reason").asText())
        .startsWith("Failed due to unhealthy allocations");
    assertThat(json.path("root").path("durationMs").asLong())
        .isEqualTo(120 + 45 + 310 + 2150 + 63_000);
  }

  @Test
  void aNewTraceGetsARandomIdAndNoParent() {
    Trace a = Trace.start(clock, "x", "", "");
    Trace b = Trace.start(clock, "x", "", "");

    assertThat(a.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(b.traceId());
    assertThat(a.parentSpanId()).isEmpty();
    assertThat(a.root().spanId()).matches("[0-9a-f]{16}");
  }
}
