package io.dispatch.lifecycle.jobspec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatch.lifecycle.params.ConsulSpec;
import io.dispatch.lifecycle.params.PlatformNames;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.RuntimeConfig.PrivateRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which template, where it goes, whether it becomes environment, and what a change does. */
class TemplatesTest {

  private static JsonNode template(JsonNode task, String destination) {
    for (JsonNode t : task.path("Templates")) {
      if (t.get("DestPath").asText().equals(destination)) {
        return t;
      }
    }
    throw new AssertionError("no template for " + destination + " in " + task.path("Templates"));
  }

  private static List<String> destinations(JsonNode task) {
    List<String> out = new ArrayList<>();
    task.path("Templates").forEach(t -> out.add(t.get("DestPath").asText()));
    return out;
  }

  @Test
  void theServicesOwnSecretsBecomeItsEnvironmentWithoutRestartingIt() {
    JsonNode t =
        template(
            JobSpecTest.task(JobRequests.builder("a").project("prj_1").build()),
            "secrets/file.env");

    assertThat(t.get("EmbeddedTmpl").asText())
        .startsWith("{{ with secret \"kv/data/prj_1/svc_123\" }}")
        .contains("{{ range $key, $value := .Data.data }}");
    assertThat(t.get("Envvars").asBoolean()).isTrue();
    assertThat(t.get("ChangeMode").asText()).isEqualTo("noop");
  }

  @Test
  void withoutAProjectThereIsNoSecretToRead() {
    JsonNode task = JobSpecTest.task(JobRequests.minimal("a"));

    assertThat(task.has("Templates")).isFalse();
    assertThat(task.has("Vault")).isFalse();
  }

  @Test
  void theKvMountIsASetting() {
    PlatformNames names = new PlatformNames("secret", "", "", "", "letmutx/gpu", "gpu", "");
    JsonNode t =
        template(
            JobSpecTest.task(JobRequests.builder("a").project("p").platform(names).build()),
            "secrets/file.env");

    assertThat(t.get("EmbeddedTmpl").asText()).contains("\"secret/data/p/svc_123\"");
  }

  @Test
  void sharedSecretsGoToTheirOwnEnvironmentFile() {
    JsonNode t = template(JobSpecTest.task(JobRequests.everything()), "secrets/shared-secrets.env");

    assertThat(t.get("EmbeddedTmpl").asText()).contains("\"kv/data/prj_456/shared/common\"");
    assertThat(t.get("Envvars").asBoolean()).isTrue();
    assertThat(t.get("ChangeMode").asText()).isEqualTo("noop");
  }

  @Test
  void aPrivateRegistrysCredentialsComeFromVaultAndTheAuthBlockReadsThem() {
    RuntimeConfig runtime = withPrivateRegistry(new PrivateRegistry("team-registry", "ghcr"));
    JsonNode task =
        JobSpecTest.task(JobRequests.builder("a").project("prj_1").runtime(runtime).build());

    JsonNode t = template(task, "private_registry/file.env");
    assertThat(t.get("EmbeddedTmpl").asText()).contains("\"kv/data/team-registry/ghcr\"");
    assertThat(t.get("Envvars").asBoolean()).isTrue();
    assertThat(task.at("/Config/auth/username").asText()).isEqualTo("${registry_username}");
    assertThat(task.at("/Config/auth/password").asText()).isEqualTo("${registry_password}");
    assertThat(task.at("/Vault/Policies").toString()).isEqualTo("[\"team-registry\",\"prj_1\"]");
  }

  @Test
  void thePlatformRegistrysCredentialsComeFromItsVaultSecretNotFromTheJob() {
    JsonNode task =
        JobSpecTest.task(
            JobRequests.builder("a")
                .project("prj_1")
                .image("registry.platform.test/apps/a:1", "")
                .platformRegistry("registry.platform.test")
                .credentials(
                    RegistryCredentials.of("registry.platform.test", "ci", "platform-password"))
                .build());

    assertThat(template(task, "private_registry/file.env").get("EmbeddedTmpl").asText())
        .contains("\"acr/data/registry\"");
    assertThat(task.at("/Config/auth/password").asText()).isEqualTo("${registry_password}");
    assertThat(task.toString()).doesNotContain("platform-password");
    assertThat(task.at("/Vault/Policies").toString()).isEqualTo("[\"prj_1\",\"acr\"]");
  }

  @Test
  void credentialsForAnotherRegistryAreNotSentWithTheJob() {
    JsonNode task =
        JobSpecTest.task(
            JobRequests.builder("a")
                .credentials(RegistryCredentials.of("ghcr.io", "robot", "pw"))
                .build());

    assertThat(task.at("/Config").has("auth")).isFalse();
  }

  @Test
  void aWorkloadIdentityRoleReplacesThePolicies() {
    PlatformNames names =
        new PlatformNames("kv", "acr/data/registry", "acr", "apps", "letmutx/gpu", "gpu", "");
    JsonNode vault =
        JobSpecTest.task(JobRequests.builder("a").project("p").platform(names).build())
            .get("Vault");

    assertThat(vault.get("Role").asText()).isEqualTo("apps");
    assertThat(vault.has("Policies")).isFalse();
    assertThat(vault.get("ChangeMode").asText()).isEqualTo("restart");
  }

  @Test
  void linkedServicesAreLookedUpWhereTheServicesAreRegistered() {
    ConsulSpec consul =
        new ConsulSpec(
            "", List.of(), 0, List.of(new ConsulSpec.LinkedService("DB_PORT", "postgres_PORT")));
    JsonNode nomad =
        template(
            JobSpecTest.task(JobRequests.builder("a").consul(consul).build()),
            "secrets/consul_services.env");
    JsonNode consulTemplate =
        template(
            JobSpecTest.task(
                JobRequests.builder("a").consul(consul).serviceProvider("consul").build()),
            "secrets/consul_services.env");

    assertThat(nomad.get("EmbeddedTmpl").asText())
        .contains("{{ with nomadService \"postgres\" }}")
        .contains("DB_PORT={{ .Port }}");
    assertThat(consulTemplate.get("EmbeddedTmpl").asText())
        .contains("{{ with service \"postgres\" }}");
    assertThat(nomad.get("ChangeMode").asText()).isEqualTo("restart");
    assertThat(nomad.get("Envvars").asBoolean()).isTrue();
  }

  @Test
  void aTemplateVariableBindsItsLinkedVarsAndFillsItsPatternOnTheFirstInstance() {
    JsonNode t = template(JobSpecTest.task(JobRequests.everything()), "secrets/connection.env");

    assertThat(t.get("EmbeddedTmpl").asText())
        .isEqualTo(
            "{{ with secret \"kv/data/prj_456/redis/credentials\" }}"
                + "{{ $password := index .Data.data \"password\" }}"
                + "{{ with nomadService \"redis\" }}{{ with index . 0 }}\n"
                + "REDIS_URL=\"redis://:{{ $password }}@{{ .Address }}:{{ .Port }}/0\""
                + "{{ end }}{{ end }}{{ end }}\n");
    assertThat(t.get("ChangeMode").asText()).isEqualTo("restart");
  }

  @Test
  void certificatesAreIssuedByVaultsPkiIntoFilesNotTheEnvironment() {
    JsonNode task = JobSpecTest.task(JobRequests.everything());
    JsonNode cert = template(task, "secrets/tls.crt");
    JsonNode key = template(task, "secrets/tls.key");

    assertThat(cert.get("EmbeddedTmpl").asText())
        .isEqualTo(
            "{{ with secret \"pki/issue/apps\" \"common_name=app.example.test\" \"ttl=72h\" }}"
                + "{{ .Data.certificate }}{{ end }}\n");
    assertThat(key.get("EmbeddedTmpl").asText()).contains("{{ .Data.private_key }}");
    assertThat(cert.get("Envvars").asBoolean()).isFalse();
    assertThat(key.get("Perms").asText()).isEqualTo("0644");
  }

  @Test
  void configFilesStayBase64UntilNomadRendersThemAndAreMountedAtTheirPath() {
    JsonNode task = JobSpecTest.task(JobRequests.everything());
    JsonNode t = template(task, "local/etc/app/config.yaml");

    assertThat(t.get("EmbeddedTmpl").asText())
        .isEqualTo("{{ base64Decode \"bGlzdGVuOiA4MDgwCg==\" }}");
    assertThat(t.get("Envvars").asBoolean()).isFalse();
    assertThat(task.at("/Config/volumes").toString())
        .isEqualTo("[\"local/etc/app/config.yaml:/etc/app/config.yaml\"]");
  }

  @Test
  void everyTemplateOfEverythingIsThere() {
    assertThat(destinations(JobSpecTest.task(JobRequests.everything())))
        .containsExactly(
            "secrets/file.env",
            "secrets/shared-secrets.env",
            "secrets/consul_services.env",
            "secrets/connection.env",
            "secrets/tls.crt",
            "secrets/tls.key",
            "local/etc/app/config.yaml");
  }

  static RuntimeConfig withPrivateRegistry(PrivateRegistry registry) {
    RuntimeConfig n = RuntimeConfig.none();
    return new RuntimeConfig(
        "",
        List.of(),
        Optional.of(registry),
        Optional.empty(),
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
