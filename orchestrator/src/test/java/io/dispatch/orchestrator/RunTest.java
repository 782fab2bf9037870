package io.dispatch.orchestrator;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.params.DestroyRequest.JobToDestroy;
import io.dispatch.lifecycle.ports.JobDestroyer;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.OtlpSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole run through {@link Orchestrator#run} with the real backend double and stand-ins for the
 * image, Nomad and destroy adapters: what the backend hears, what the user reads, the exit code.
 */
class RunTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static BackendDouble backend;

  private final List<Release> released = new ArrayList<>();
  private ImageMetadata imageSays =
      new ImageMetadata(
          List.of("8080/tcp", "9090/tcp"),
          List.of(),
          "1000",
          List.of("--port", "8080"),
          List.of("/app/run"));
  private ServiceScheduler scheduler = new HealthyScheduler();
  private JobDestroyer destroyer =
      job -> new JobDestroyer.Result(JobDestroyer.Result.Status.DESTROYED, "");

  @BeforeAll
  static void startBackend() {
    backend = BackendDouble.start();
  }

  @AfterAll
  static void stopBackend() {
    backend.close();
  }

  @BeforeEach
  void reset() {
    backend.resetToHappyPath();
  }

  private class HealthyScheduler extends RecordingScheduler {
    HealthyScheduler() {
      super(released);
    }
  }

  private record Result(int code, String out, String err) {}

  private Result run(String task, ObjectNode params, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("NOMAD_META_TASK", task);
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    ImageInspector images =
        (image, credentials, control) ->
            new ImageConfig(image, "sha256:" + "b".repeat(64), imageSays, "registry", 1234);
    AdapterFactory factory =
        StandIns.with().images(images).scheduler(scheduler).destroyer(destroyer);
    Console console = Console.run(new String[0], env, factory);
    int code = console.code();
    return new Result(code, console.out(), console.err());
  }

  private static ObjectNode imageParams() {
    ObjectNode p = Fixtures.json("params/deploy-image.json");
    p.put("backendUrl", backend.url()).put("accessToken", BackendDouble.TOKEN);
    return p;
  }

  @Test
  void aHealthyImageDeploymentReportsEveryStepInOrderAndExitsZero() {
    Result r = run("deploy-image", imageParams(), Map.of());

    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(backend.steps())
        .containsExactly(
            "image_download:in_progress",
            "image_download:completed",
            "deploy:in_progress",
            "deploy:completed",
            "healthCheck:in_progress",
            "healthCheck:completed");
    assertThat(backend.stepUpdates())
        .allSatisfy(
            u -> {
              assertThat(u.path("deploymentId").asText()).isEqualTo("gdeployment_0042");
              assertThat(u.path("deployment_type").asText()).isEqualTo("app");
            });
    assertThat(r.out())
        .contains(
            "✓ image_download",
            "✓ deploy",
            "✓ healthCheck",
            "succeeded: hello-web v1: 1/1 healthy");
  }

  @Test
  void everyDetectedPortGetsADomainAndTheServiceUpdateCarriesWhatTheImageSays() throws Exception {
    run("deploy-image", imageParams(), Map.of());

    backend
        .server()
        .verify(
            putRequestedFor(urlPathEqualTo(BackendDouble.SERVICE_UPDATE))
                .withRequestBody(
                    equalToJson(
                        """
                        {"serviceId":"svc_hello",
                         "network":[
                          {"port":8080,"type":"http","public":true,"domain":"app-1.apps.example.test","has_health_check":"http",
                           "health_check":{"type":"http","path":"/","interval":"30s","timeout":"30s","port":8080}},
                          {"port":9090,"type":"tcp","public":true,"domain":"app-2.apps.example.test","has_health_check":"tcp",
                           "health_check":{"type":"tcp","interval":"30s","timeout":"30s","port":9090}}],
                         "docker_user":"1000","cmd":"--port 8080","entrypoint":"/app/run"}
                        """)));
    assertThat(backend.calls().indexOf("PUT " + BackendDouble.SERVICE_UPDATE))
        .isGreaterThan(backend.calls().lastIndexOf("GET " + BackendDouble.ASK_DOMAIN));
    assertThat(released).hasSize(1);
    assertThat(released.get(0).networks().entries())
        .extracting(e -> e.domain())
        .containsExactly("app-1.apps.example.test", "app-2.apps.example.test");
    assertThat(released.get(0).image().pullReference()).endsWith("@sha256:" + "b".repeat(64));
  }

  @Test
  void parametersWinOverWhatTheImageSaysAndUserDomainsAreKept() throws Exception {
    ObjectNode p = imageParams();
    p.put("docker_user", "app").put("command", "serve --fast");
    p.putArray("entrypoint").add("/bin/tini").add("--");
    var networks = p.putArray("networks");
    networks
        .addObject()
        .put("portNumber", 8080)
        .put("domain", "mine.example.test")
        .put("public", true);
    networks.addObject().put("portNumber", 9000).put("portType", "tcp");

    run("deploy-image", p, Map.of());

    JsonNode update = backend.serviceUpdates().get(0);
    assertThat(update.path("docker_user").asText()).isEqualTo("app");
    assertThat(update.path("cmd").asText()).isEqualTo("serve --fast");
    assertThat(update.path("entrypoint").asText()).isEqualTo("/bin/tini --");
    assertThat(update.path("network").get(0).path("domain").asText())
        .isEqualTo("mine.example.test");
    assertThat(update.path("network").get(1).path("domain").asText())
        .isEqualTo("app-1.apps.example.test");
    assertThat(update.path("network").get(1).path("public").asBoolean()).isFalse();
    assertThat(backend.calls()).filteredOn(c -> c.contains("ask-domain")).hasSize(1);
  }

  @Test
  void anAskDomainThatFailsLeavesThatPortWithoutADomainAndTheDeploymentGoesOn() {
    backend
        .server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.get(
                    urlPathEqualTo(BackendDouble.ASK_DOMAIN))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"msg\":\"Invalid service id passed!\"}")));

    Result r = run("deploy-image", imageParams(), Map.of());

    assertThat(r.code()).isZero();
    assertThat(backend.serviceUpdates().get(0).path("network"))
        .allSatisfy(n -> assertThat(n.path("domain").asText()).isEmpty());
    assertThat(r.out())
        .contains(
            "WARN backend: ask-domain (port 8080) failed: GET /api/local/ask-domain: answer has no 'domain' (Invalid service id passed!)");
  }

  @Test
  void aFailedHealthCheckIsReportedWithItsReasonAndExitsOne() {
    scheduler =
        new HealthyScheduler() {
          @Override
          public String awaitHealthy(RegisteredJob job, Span span) {
            throw new StepFailedException("deployment failed: Failed due to unhealthy allocations");
          }
        };

    Result r = run("deploy-image", imageParams(), Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(backend.steps()).endsWith("healthCheck:in_progress", "healthCheck:failed");
    assertThat(backend.stepUpdates().get(backend.stepUpdates().size() - 1).path("error").asText())
        .isEqualTo("deployment failed: Failed due to unhealthy allocations");
    assertThat(r.err())
        .isEqualTo(
            "failed at healthCheck: deployment failed: Failed due to unhealthy allocations"
                + System.lineSeparator());
  }

  @Test
  void theDeadlineFailsTheRunningStepAndExitsFour() {
    scheduler =
        new HealthyScheduler() {
          @Override
          public String awaitHealthy(RegisteredJob job, Span span) {
            try {
              Thread.sleep(60_000);
            } catch (InterruptedException e) {
              throw new StepFailedException("interrupted");
            }
            return "never";
          }
        };

    Result r = run("deploy-image", imageParams(), Map.of("DISPATCH_TIMEOUT", "1s"));

    assertThat(r.code()).isEqualTo(4);
    assertThat(backend.stepUpdates().get(backend.stepUpdates().size() - 1).path("error").asText())
        .isEqualTo("timed out after 1s");
    assertThat(r.err())
        .isEqualTo("timed out at healthCheck: timed out after 1s" + System.lineSeparator());
  }

  @Test
  void withoutABackendTheDeploymentStillRunsAndCallsNothing() {
    Result r = run("deploy-image", Fixtures.json("params/deploy-image.json"), Map.of());

    assertThat(r.code()).isZero();
    assertThat(backend.calls()).isEmpty();
    assertThat(released.get(0).networks().entries())
        .extracting(e -> e.port())
        .containsExactly(8080, 9090);
  }

  @Test
  void jsonLogsAreOneObjectPerLineAndNeverCarryTheToken() throws Exception {
    Result r = run("deploy-image", imageParams(), Map.of("LOG_FORMAT", "json"));

    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.out().split("\\R")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines)
        .allSatisfy(l -> assertThat(l.has("time") && l.has("level") && l.has("message")).isTrue());
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.path("step").asText()).isEqualTo("deploy");
              assertThat(l.path("status").asText()).isEqualTo("completed");
              assertThat(l.path("durationMs").isNumber()).isTrue();
            });
    assertThat(r.out()).doesNotContain(BackendDouble.TOKEN);
  }

  /** The printed tree, with durations and the random trace id made stable. */
  private static String tree(String out) {
    String tree =
        out.substring(
            out.indexOf("deploy-image ✓") >= 0
                ? out.indexOf("deploy-image ✓")
                : out.indexOf("deploy-image ✗"));
    return tree.replaceAll("\\b\\d+ms\\b|\\b\\d+\\.\\ds\\b|\\b\\d+m\\d+s\\b", "<t>")
        .replaceAll("trace [0-9a-f]{32}", "trace <id>");
  }

  @Test
  void theLogEndsWithTheTreeOfASuccessfulRun() {
    Result r = run("deploy-image", imageParams(), Map.of());

    assertThat(tree(r.out())).isEqualTo(Fixtures.text("golden/deploy-image-succeeded.txt"));
  }

  @Test
  void theLogEndsWithTheTreeOfAFailedRun() {
    scheduler =
        new HealthyScheduler() {
          @Override
          public String awaitHealthy(RegisteredJob job, Span span) {
            span.attribute("deployment.id", "d41f0e2a");
            throw new StepFailedException(
                "Failed due to unhealthy allocations; web-app.web[0]: Exit Code: 1");
          }
        };
    backend
        .server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.get(
                    urlPathEqualTo(BackendDouble.ASK_DOMAIN))
                .inScenario("one fails")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"domain\":\"web\"}"))
                .willSetStateTo("second"));
    backend
        .server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.get(
                    urlPathEqualTo(BackendDouble.ASK_DOMAIN))
                .inScenario("one fails")
                .whenScenarioStateIs("second")
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(422)));

    Result r = run("deploy-image", imageParams(), Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(tree(r.out())).isEqualTo(Fixtures.text("golden/deploy-image-failed.txt"));
  }

  @Test
  void theTraceFileHoldsTheStepsThatRan(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("out/trace.json");
    ObjectNode p = imageParams();
    p.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    Result r = run("deploy-image", p, Map.of("TRACE_FILE", file.toString()));

    JsonNode trace = JSON.readTree(java.nio.file.Files.readString(file));
    assertThat(trace.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(trace.path("parentSpanId").asText()).isEqualTo("00f067aa0ba902b7");
    List<String> spans = new ArrayList<>();
    trace
        .path("root")
        .path("children")
        .forEach(c -> spans.add(c.path("name").asText() + ":" + c.path("status").asText()));
    List<String> reported =
        backend.steps().stream().filter(s -> !s.endsWith(":in_progress")).toList();
    assertThat(spans)
        .containsExactly(
            "image_download:completed",
            "networks:completed",
            "deploy:completed",
            "healthCheck:completed");
    assertThat(spans).filteredOn(s -> !s.startsWith("networks")).isEqualTo(reported);
    assertThat(r.out()).contains("trace 4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(released.get(0).traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void aMalformedTraceparentStartsANewTraceAndSaysSo() {
    Result r = run("deploy-image", imageParams(), Map.of("TRACEPARENT", "not-a-traceparent"));

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("WARN TRACEPARENT is not a W3C traceparent; starting a new trace");
  }

  @Test
  void theTraceIsExportedOverOtlpInOneRequestWithTheRunsIds() {
    try (OtlpSink otlp = OtlpSink.start()) {
      ObjectNode p = imageParams();
      p.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

      Result r =
          run(
              "deploy-image",
              p,
              Map.of(
                  "OTEL_EXPORTER_OTLP_ENDPOINT",
                  otlp.endpoint() + "/",
                  "OTEL_EXPORTER_OTLP_HEADERS",
                  "authorization=Bearer%20otlp-secret-9"));

      assertThat(r.code()).isZero();
      assertThat(otlp.exports()).hasSize(1);
      OtlpSink.Export export = otlp.exports().get(0);
      assertThat(export.path()).isEqualTo(OtlpSink.TRACES);
      assertThat(export.contentType()).contains("application/x-protobuf");
      assertThat(export.authorization()).isEqualTo("Bearer otlp-secret-9");
      assertThat(export.contains(HexFormat.of().parseHex("4bf92f3577b34da6a3ce929d0e0e4736")))
          .isTrue();
      assertThat(export.contains(HexFormat.of().parseHex("00f067aa0ba902b7"))).isTrue();
      for (String name :
          List.of(
              "deploy-image",
              "image_download",
              "networks",
              "ask-domain",
              "deploy",
              "healthCheck",
              "dispatch-orchestrator")) {
        assertThat(export.contains(name)).as(name).isTrue();
      }
      assertThat(r.out()).doesNotContain("otlp-secret-9");
    }
  }

  @Test
  void aSecretThatReachesASpanIsMaskedInTheOtlpExport() {
    scheduler =
        new HealthyScheduler() {
          @Override
          public String awaitHealthy(RegisteredJob job, Span span) {
            throw new StepFailedException("Nomad said: bad token " + BackendDouble.TOKEN);
          }
        };
    try (OtlpSink otlp = OtlpSink.start()) {
      Result r =
          run(
              "deploy-image",
              imageParams(),
              Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint()));

      assertThat(r.code()).isEqualTo(1);
      OtlpSink.Export export = otlp.exports().get(0);
      assertThat(export.contains(BackendDouble.TOKEN)).isFalse();
      assertThat(export.contains("bad token ***")).isTrue();
    }
  }

  @Test
  void anOtlpEndpointThatIsDownIsOneWarningAndChangesNothing() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }

    Result r =
        run(
            "deploy-image",
            imageParams(),
            Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closed));

    assertThat(r.code()).isZero();
    assertThat(r.out().lines().filter(l -> l.contains("trace not exported"))).hasSize(1);
  }

  @Test
  void aThreadThatDiesOfAnUnexpectedExceptionIsOneWarningLineAndChangesNothing() {
    scheduler =
        new HealthyScheduler() {
          @Override
          public String awaitHealthy(RegisteredJob job, Span span) {
            Thread t =
                new Thread(
                    () -> {
                      throw new IllegalStateException("boom\nforged line " + BackendDouble.TOKEN);
                    },
                    "helper-thread");
            t.start();
            try {
              t.join();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return "v1: 1/1 healthy";
          }
        };

    Result r = run("deploy-image", imageParams(), Map.of());

    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains(
            "WARN thread helper-thread stopped: IllegalStateException: boom\\nforged line ***")
        .doesNotContain("\tat ")
        .doesNotContain(BackendDouble.TOKEN);
  }

  @Test
  void destroyReportsEachJobAndFailsWhenOneCannotBeDestroyed() {
    destroyer =
        (JobToDestroy job) ->
            job.jobId().equals("hello-web")
                ? JobDestroyer.Result.failed("Nomad answered 500: No cluster leader")
                : new JobDestroyer.Result(JobDestroyer.Result.Status.ALREADY_GONE, "");

    Result r = run("destroy-job-pack", Fixtures.json("params/destroy-job-pack.json"), Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("✓ destroy csi-adminapi-main-dmjmyddoamyo", "already gone")
        .contains("✗ destroy hello-web", "Nomad answered 500: No cluster leader")
        .doesNotContain("nomad-example-token-not-real");
    assertThat(r.err())
        .contains("1 of 2 job(s) not destroyed: hello-web: Nomad answered 500: No cluster leader");
  }
}
