package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadScenario;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A dry run reads and detects, prints what it would send, and sends nothing. */
class DryRunTest {

  private static BackendDouble backend;
  private static NomadDouble nomad;

  @BeforeAll
  static void start() {
    backend = BackendDouble.start();
    nomad = NomadDouble.start(NomadScenario.SUCCESSFUL);
  }

  @AfterAll
  static void stop() {
    backend.close();
    nomad.close();
  }

  private record Result(int code, String out) {}

  /** The production adapters, with a stand-in for the registry read. */
  private static Result run(
      String[] args, String task, ObjectNode params, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("NOMAD_META_TASK", task);
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    ImageMetadata says =
        new ImageMetadata(List.of("8080/tcp"), List.of(), "", List.of(), List.of());
    ImageInspector images =
        (image, credentials, control) ->
            new ImageConfig(image, "sha256:" + "c".repeat(64), says, "registry", 900);
    AdapterFactory factory = StandIns.productionReading(images);
    Console console = Console.run(args, env, factory);
    return new Result(console.code(), console.out());
  }

  private static ObjectNode imageParams() {
    ObjectNode p = Fixtures.json("params/deploy-image.json");
    p.put("backendUrl", backend.url())
        .put("accessToken", BackendDouble.TOKEN)
        .put("nomadAddress", nomad.url());
    return p;
  }

  @Test
  void aDryRunDeploymentPrintsTheJobAndTheCallsAndSendsNothing() {
    backend.resetToHappyPath();
    int before = nomad.requests().size();

    Result r = run(new String[] {"--dry-run"}, "deploy-image", imageParams(), Map.of());

    assertThat(r.code()).isZero();
    assertThat(nomad.requests()).hasSize(before);
    assertThat(backend.calls()).isEmpty();
    assertThat(r.out())
        .contains("dry run: nothing was registered, destroyed or reported")
        .contains("Nomad job that would be registered:")
        .contains("\"ID\" : \"hello-web\"")
        .contains("127.0.0.1:5000/demo/hello@sha256:" + "c".repeat(64))
        .contains("urlprefix-ask-domain-1.apps.example.test")
        .contains("PUT " + nomad.url() + "/v1/jobs  (job hello-web, not sent)")
        .contains("GET /api/local/ask-domain?serviceId=svc_hello  (port 8080)")
        .contains("PUT /api/local/service-update {\"serviceId\":\"svc_hello\"")
        .contains(
            "PUT /api/local/deployment-step/update {\"deploymentId\":\"gdeployment_0042\",\"deployment_type\":\"app\",\"step\":\"image_download\",\"status\":\"in_progress\"}")
        .contains("– deploy  skipped: dry run: nothing is changed")
        .contains("– healthCheck  skipped: dry run: nothing is changed")
        .doesNotContain(BackendDouble.TOKEN);
  }

  @Test
  void dryRunCanBeAskedForInTheEnvironment() {
    backend.resetToHappyPath();
    int before = nomad.requests().size();

    Result r = run(new String[0], "deploy-image", imageParams(), Map.of("DRY_RUN", "1"));

    assertThat(r.code()).isZero();
    assertThat(nomad.requests()).hasSize(before);
    assertThat(backend.calls()).isEmpty();
    assertThat(r.out()).contains("Nomad job that would be registered:");
  }

  @Test
  void aJsonDryRunStaysOneObjectPerLine() throws Exception {
    backend.resetToHappyPath();

    Result r =
        run(
            new String[] {"--dry-run"},
            "deploy-image",
            imageParams(),
            Map.of("LOG_FORMAT", "json"));

    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
    for (String line : r.out().split("\\R")) {
      lines.add(json.readTree(line));
    }
    com.fasterxml.jackson.databind.JsonNode dry =
        lines.stream()
            .filter(l -> l.path("event").asText().equals("dry-run"))
            .findFirst()
            .orElseThrow();
    assertThat(dry.path("jobs").get(0).path("ID").asText()).isEqualTo("hello-web");
    assertThat(dry.path("backendCalls").toString()).contains("ask-domain");
    assertThat(backend.calls()).isEmpty();
  }

  @Test
  void aDryRunDestroyListsTheCallsAndDestroysNothing() {
    ObjectNode p = Fixtures.json("params/destroy-job-pack.json");
    ((ObjectNode) p.get("jobs").get(0)).put("nomadAddress", nomad.url());
    int before = nomad.requests().size();

    Result r =
        run(
            new String[] {"dispatch", "--dry-run"},
            "destroy-job-pack",
            p,
            Map.of("NOMAD_ADDR", nomad.url()));

    assertThat(r.code()).isZero();
    assertThat(nomad.requests()).hasSize(before);
    assertThat(r.out())
        .contains(
            "DELETE "
                + nomad.url()
                + "/v1/job/csi-adminapi-main-dmjmyddoamyo?purge=true  (not sent)")
        .contains("would be stopped and purged (dry run)");
  }

  @Test
  void aDryRunRedeployWithTheNoopBuilderReadsTheNamedImageAndPrintsItsJob() {
    ObjectNode p = Fixtures.json("params/deploy-repository.json");
    p.put("nomadAddress", nomad.url());
    ((ObjectNode) p.get("build")).put("builder", "noop");
    int before = nomad.requests().size();

    Result r = run(new String[] {"--dry-run"}, "redeploy-repository", p, Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(nomad.requests()).hasSize(before);
    assertThat(r.out())
        .contains("– clone  skipped: build.builder is noop: the source is not needed")
        .contains("✓ image_download")
        .contains("127.0.0.1:5000/acme/admin-api@sha256:" + "c".repeat(64))
        .contains("– deploy  skipped: dry run: nothing is changed");
  }
}
