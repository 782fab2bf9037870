package io.dispatch.lifecycle.nomad;

import static io.dispatch.lifecycle.nomad.JsonAssert.assertJsonEquals;
import static io.dispatch.lifecycle.nomad.JsonAssert.parse;
import static io.dispatch.lifecycle.nomad.JsonAssert.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.ServiceSpec;
import io.dispatch.portdetector.NetworkPlan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobSpecFactoryTest {

  private static final NomadTarget LOCAL = Requests.target("http://127.0.0.1:4646", "");

  /** A command a user might type: quotes, a newline, a backslash, a dollar and non-ASCII. */
  static final String AWKWARD_COMMAND =
      "echo \"it's \\\"quoted\\\"\" && printf 'a\\nb'\nexec node server.js --name=Zoë $PORT";

  @Test
  void everyParameterEndsUpInTheJobAsContractSectionFourSays() {
    NomadTarget target = new NomadTarget("http://127.0.0.1:4646", "", "eu", "apps", "");

    JsonNode job = parse(JobSpecFactory.jobJson(Requests.everything(), target));

    assertJsonEquals(resource("register-request-everything.json").get("Job"), job);
  }

  @Test
  void startCommandRunsThroughShellAndIsSentVerbatim() {
    JobRequest request = withService(Requests.minimal("web-app"), AWKWARD_COMMAND, "", List.of());

    JsonNode job = parse(JobSpecFactory.jobJson(request, LOCAL));

    assertJsonEquals(resource("register-request-start-command.json").get("Job"), job);
    JsonNode config = job.at("/TaskGroups/0/Tasks/0/Config");
    assertThat(config.get("args").get(0).asText()).isEqualTo(AWKWARD_COMMAND);
    assertThat(config.has("command")).isFalse();
  }

  @Test
  void commandAndEntrypointParametersBecomeDockerCommandAndEntrypoint() {
    JobRequest request =
        withService(Requests.minimal("web-app"), "", "npm", List.of("/usr/bin/tini", "--", "node"));

    JsonNode config =
        parse(JobSpecFactory.jobJson(request, LOCAL)).at("/TaskGroups/0/Tasks/0/Config");

    assertThat(config.get("command").asText()).isEqualTo("npm");
    assertThat(config.get("entrypoint").toString())
        .isEqualTo("[\"/usr/bin/tini\",\"--\",\"node\"]");
    assertThat(config.has("args")).isFalse();
  }

  @Test
  void serviceNamesAreLowerCaseRfc1123LabelsOfGroupAndPort() {
    assertThat(ServiceBlocks.serviceName("web-app", 8080)).isEqualTo("web-app-8080");
    assertThat(ServiceBlocks.serviceName("My_Shop  API", 80)).isEqualTo("my-shop-api-80");
    assertThat(ServiceBlocks.serviceName("--Über--", 443)).isEqualTo("ber-443");
    assertThat(ServiceBlocks.serviceName("___", 3000)).isEqualTo("service-3000");
    String longName = ServiceBlocks.serviceName("a".repeat(70) + "-b", 65535);
    assertThat(longName).hasSize(63).endsWith("a-65535").matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  }

  @Test
  void credentialsForAnotherRegistryAreNotSentWithTheJob() {
    JobRequest request =
        withCredentials(
            Requests.minimal("web-app"), RegistryCredentials.of("ghcr.io", "robot", "pw"));

    JsonNode config =
        parse(JobSpecFactory.jobJson(request, LOCAL)).at("/TaskGroups/0/Tasks/0/Config");

    assertThat(config.has("auth")).isFalse();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "https://index.docker.io/v1/",
        "index.docker.io",
        "registry-1.docker.io",
        "Docker.IO",
        "registry.hub.docker.com"
      })
  void dockerHubCredentialsAreMatchedByTheSameRuleAsReadsAndPushes(String registry) {
    JobRequest request =
        withCredentials(
            Requests.minimal("web-app"), RegistryCredentials.of(registry, "robot", "pw"));

    JsonNode auth =
        parse(JobSpecFactory.jobJson(request, LOCAL)).at("/TaskGroups/0/Tasks/0/Config/auth");

    assertThat(request.image().reference().credentialsFrom(request.registryCredentials()))
        .isPresent();
    assertThat(auth.toString())
        .isEqualTo("{\"username\":\"robot\",\"password\":\"pw\",\"server_address\":\"docker.io\"}");
  }

  @Test
  void credentialsWithoutRegistryAreForTheImageRegistry() {
    JobRequest request =
        withCredentials(Requests.minimal("web-app"), RegistryCredentials.of("", "robot", "pw"));

    JsonNode auth =
        parse(JobSpecFactory.jobJson(request, LOCAL)).at("/TaskGroups/0/Tasks/0/Config/auth");

    assertThat(auth.toString())
        .isEqualTo("{\"username\":\"robot\",\"password\":\"pw\",\"server_address\":\"docker.io\"}");
  }

  @Test
  void withoutNetworksTheJobHasNoPortsAndNoServices() {
    JobRequest minimal = Requests.minimal("worker");
    JobRequest request =
        new JobRequest(
            minimal.identity(),
            Requests.service("", List.of()),
            minimal.image(),
            new NetworkPlan(List.of(), false),
            Optional.empty(),
            "consul",
            "run-2",
            "");

    JsonNode group = parse(JobSpecFactory.jobJson(request, LOCAL)).at("/TaskGroups/0");

    assertThat(group.get("Networks").isNull()).isTrue();
    assertThat(group.get("Services").isNull()).isTrue();
    assertThat(group.at("/Tasks/0/Config").toString())
        .isEqualTo("{\"image\":\"docker.io/library/nginx:1.27\"}");
  }

  @Test
  void consulProviderIsNamedExplicitly() {
    JobRequest m = Requests.minimal("web-app");
    JobRequest request =
        new JobRequest(
            m.identity(),
            m.service(),
            m.image(),
            m.networks(),
            Optional.empty(),
            "consul",
            "r",
            "");

    JsonNode service = parse(JobSpecFactory.jobJson(request, LOCAL)).at("/TaskGroups/0/Services/0");

    assertThat(service.get("Provider").asText()).isEqualTo("consul");
  }

  private static JobRequest withService(
      JobRequest r, String startCommand, String command, List<String> entrypoint) {
    ServiceSpec s = r.service();
    ServiceSpec changed =
        new ServiceSpec(
            s.replicaCount(),
            s.resources(),
            s.restart(),
            s.update(),
            command,
            entrypoint,
            s.dockerUser(),
            startCommand,
            s.networks(),
            s.consul(),
            s.nodePool(),
            s.clusterDomain());
    return new JobRequest(
        r.identity(),
        changed,
        r.image(),
        r.networks(),
        r.registryCredentials(),
        r.serviceProvider(),
        r.runId(),
        r.traceId());
  }

  private static JobRequest withCredentials(
      JobRequest r, Optional<RegistryCredentials> credentials) {
    return new JobRequest(
        r.identity(),
        r.service(),
        r.image(),
        r.networks(),
        credentials,
        r.serviceProvider(),
        r.runId(),
        r.traceId());
  }
}
