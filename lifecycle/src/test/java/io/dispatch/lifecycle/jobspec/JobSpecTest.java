package io.dispatch.lifecycle.jobspec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.lifecycle.params.JobKind;
import io.dispatch.lifecycle.params.Resources;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.RuntimeConfig.CsiVolume;
import io.dispatch.testdata.NomadJobSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobSpecTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode job(JobRequest request) {
    JsonNode job = JobSpec.job(request);
    assertThat(NomadJobSchema.problems(job)).as("fits Nomad's job API").isEmpty();
    return job;
  }

  static JsonNode task(JobRequest request) {
    return job(request).at("/TaskGroups/0/Tasks/0");
  }

  @Test
  void everyParameterEndsUpInTheJobAsThePackHadIt() throws IOException {
    JsonNode body = JobSpec.registerBody(JobRequests.everything());

    assertThat(NomadJobSchema.problems(body)).isEmpty();
    try (InputStream in = getClass().getResourceAsStream("/jobspec/register-everything.json")) {
      assertThat(body.toPrettyString()).isEqualTo(JSON.readTree(in).toPrettyString());
    }
  }

  @Test
  void theSmallestJobIsAServiceWithOneGroupOneTaskAndAZeroDowntimeRollout() {
    JsonNode job = job(JobRequests.minimal("web-app"));

    assertThat(job.get("Type").asText()).isEqualTo("service");
    assertThat(job.at("/Update/Canary").asInt()).isEqualTo(1);
    assertThat(job.at("/Update/AutoPromote").asBoolean()).isTrue();
    assertThat(job.at("/Migrate/MaxParallel").asInt()).isEqualTo(2);
    assertThat(job.has("NodePool")).isFalse();
    assertThat(job.has("Constraints")).isFalse();
    JsonNode task = job.at("/TaskGroups/0/Tasks/0");
    assertThat(task.has("Vault")).isFalse();
    assertThat(task.has("Templates")).isFalse();
    assertThat(task.at("/Config/image_pull_timeout").asText()).isEqualTo("30m");
    assertThat(task.has("User")).as("the image's own user").isFalse();
  }

  @Test
  void memoryMaxIsTwiceTheMemoryAndAtLeast512() {
    JsonNode small =
        task(JobRequests.builder("a").resources(new Resources(100, 128, 0, "")).build());
    JsonNode big =
        task(JobRequests.builder("a").resources(new Resources(100, 2048, 0, "")).build());

    assertThat(small.at("/Resources/MemoryMaxMB").asInt()).isEqualTo(512);
    assertThat(big.at("/Resources/MemoryMaxMB").asInt()).isEqualTo(4096);
  }

  @Test
  void containersAreLabelledWithTheirDeploymentAndNoLabelCanBecomeAnInterpolation() {
    JsonNode labels =
        task(JobRequests.builder("web-app").project("prj_1").owner("${registry_password}").build())
            .at("/Config/labels/0");

    assertThat(labels.get("job").asText()).isEqualTo("web-app");
    assertThat(labels.get("alloc_id").asText()).isEqualTo("${NOMAD_ALLOC_ID}");
    assertThat(labels.get("project_id").asText()).isEqualTo("prj_1");
    assertThat(labels.get("service_id").asText()).isEqualTo("svc_123");
    assertThat(labels.get("user_id").asText()).doesNotContain("${").doesNotContain("}");
  }

  @Test
  void aCsiVolumeIsMountedPerAllocationAndTurnsCanariesOff() {
    RuntimeConfig runtime =
        withVolume(new CsiVolume("vol_db", List.of("/var/lib/postgresql/data", "/backup")));
    JsonNode job = job(JobRequests.builder("db").runtime(runtime).build());

    JsonNode volume = job.at("/TaskGroups/0/Volumes/vol_db");
    assertThat(volume.get("Type").asText()).isEqualTo("csi");
    assertThat(volume.get("Source").asText()).isEqualTo("vol_db");
    assertThat(volume.get("PerAlloc").asBoolean()).isTrue();
    assertThat(volume.get("AccessMode").asText()).isEqualTo("single-node-writer");
    assertThat(volume.get("AttachmentMode").asText()).isEqualTo("file-system");
    assertThat(volume.get("ReadOnly").asBoolean()).isFalse();
    JsonNode mounts = job.at("/TaskGroups/0/Tasks/0/VolumeMounts");
    assertThat(mounts).hasSize(2);
    assertThat(mounts.get(0).get("Destination").asText()).isEqualTo("/var/lib/postgresql/data");
    assertThat(mounts.get(1).get("Volume").asText()).isEqualTo("vol_db");
    assertThat(job.at("/Update/Canary").asInt()).isZero();
    assertThat(job.at("/Update/AutoPromote").asBoolean()).isFalse();
  }

  @Test
  void batchJobsHaveNoRolloutBlocks() {
    JsonNode job = job(JobRequests.builder("nightly").runtime(withKind(batch())).build());

    assertThat(job.get("Type").asText()).isEqualTo("batch");
    assertThat(job.has("Update")).isFalse();
    assertThat(job.has("Migrate")).isFalse();
    assertThat(job.at("/TaskGroups/0/Count").asInt()).isEqualTo(1);
  }

  @Test
  void systemJobsRunOnEveryNodeWithoutACount() {
    for (String type : List.of("system", "sysbatch")) {
      JsonNode job =
          job(
              JobRequests.builder("agent")
                  .runtime(withKind(new JobKind(type, Optional.empty(), Optional.empty())))
                  .build());

      assertThat(job.get("Type").asText()).isEqualTo(type);
      assertThat(job.at("/TaskGroups/0").has("Count")).isFalse();
      assertThat(job.has("Update")).isFalse();
    }
  }

  @Test
  void aCronMakesAPeriodicJob() {
    JobKind kind =
        new JobKind(
            "batch", Optional.of(new JobKind.Periodic("*/15 * * * *", true)), Optional.empty());
    JsonNode periodic =
        job(JobRequests.builder("report").runtime(withKind(kind)).build()).get("Periodic");

    assertThat(periodic.get("Spec").asText()).isEqualTo("*/15 * * * *");
    assertThat(periodic.get("SpecType").asText()).isEqualTo("cron");
    assertThat(periodic.get("ProhibitOverlap").asBoolean()).isTrue();
    assertThat(periodic.get("Enabled").asBoolean()).isTrue();
  }

  @Test
  void metaRequiredMakesAParameterizedJob() {
    JobKind kind =
        new JobKind(
            "batch",
            Optional.empty(),
            Optional.of(
                new JobKind.Parameterized("required", List.of("customer"), List.of("priority"))));
    JsonNode block =
        job(JobRequests.builder("export").runtime(withKind(kind)).build()).get("ParameterizedJob");

    assertThat(block.get("Payload").asText()).isEqualTo("required");
    assertThat(block.get("MetaRequired").toString()).isEqualTo("[\"customer\"]");
    assertThat(block.get("MetaOptional").toString()).isEqualTo("[\"priority\"]");
  }

  static JobKind batch() {
    return new JobKind("batch", Optional.empty(), Optional.empty());
  }

  static RuntimeConfig withKind(JobKind kind) {
    RuntimeConfig n = RuntimeConfig.none();
    return new RuntimeConfig(
        "",
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        kind,
        List.of(),
        n.deploy(),
        List.of(),
        List.of());
  }

  static RuntimeConfig withVolume(CsiVolume volume) {
    RuntimeConfig n = RuntimeConfig.none();
    return new RuntimeConfig(
        "",
        List.of(),
        Optional.empty(),
        Optional.of(volume),
        List.of(),
        List.of(),
        List.of(),
        n.kind(),
        List.of(),
        n.deploy(),
        List.of(),
        List.of());
  }
}
