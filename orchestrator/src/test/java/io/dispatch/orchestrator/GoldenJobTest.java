package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.NomadJobSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jobs of a deploy-image and a deploy-repository that carry every runtime field, through the
 * whole program (decoding, detection, job builder) in a dry run, compared with the golden jobs in
 * {@code testdata}. Each golden job fits Nomad's job API. {@code -Dgolden.update=true} rewrites
 * them after a deliberate change.
 */
class GoldenJobTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "deploy-image, params/deploy-image-everything.json, golden/deploy-image-everything-job.json",
    "deploy-repository, params/deploy-repository-everything.json,"
        + " golden/deploy-repository-everything-job.json"
  })
  void everyRuntimeFieldEndsUpInTheJob(String task, String params, String golden)
      throws IOException {
    JsonNode job = dryRunJob(task, Fixtures.json(params));

    assertThat(NomadJobSchema.problems(job)).isEmpty();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(
          Path.of("../testdata/src/main/resources").resolve(golden), job.toPrettyString() + "\n");
    }
    assertThat(job.toPrettyString()).isEqualTo(Fixtures.json(golden).toPrettyString());
  }

  /** The job a dry run prints, with the run's own ids replaced by placeholders. */
  static JsonNode dryRunJob(String task, ObjectNode params) throws IOException {
    ImageMetadata says =
        new ImageMetadata(
            List.of("8080/tcp"), List.of(), "1000", List.of("serve"), List.of("/bin/app"));
    ImageInspector images =
        (image, credentials, control) ->
            new ImageConfig(image, "sha256:" + "c".repeat(64), says, "registry", 900);
    AdapterFactory factory = StandIns.productionReading(images);
    Console r =
        Console.run(
            new String[] {"--dry-run"},
            Map.of(
                "NOMAD_META_TASK", task,
                "NOMAD_META_PARAMS", Fixtures.base64(params),
                "LOG_FORMAT", "json",
                "REGISTRY_URL", "127.0.0.1:5000",
                "NOMAD_ADDR", "http://127.0.0.1:4646"),
            factory);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    for (String line : r.out().split("\\R")) {
      JsonNode l = JSON.readTree(line);
      if (l.path("event").asText().equals("dry-run")) {
        ObjectNode job = (ObjectNode) l.path("jobs").get(0);
        ObjectNode meta = (ObjectNode) job.get("Meta");
        meta.put("run_id", "<run>").put("trace_id", "<trace>");
        return job;
      }
    }
    throw new AssertionError("no dry-run line in " + r.out());
  }
}
