package io.dispatch.orchestrator;

import static io.dispatch.orchestrator.HostileInputs.IMAGE;
import static io.dispatch.orchestrator.HostileInputs.P;
import static io.dispatch.orchestrator.HostileInputs.assertOneLine;
import static io.dispatch.orchestrator.HostileInputs.consulTags;
import static io.dispatch.orchestrator.HostileInputs.destroy;
import static io.dispatch.orchestrator.HostileInputs.env;
import static io.dispatch.orchestrator.HostileInputs.image;
import static io.dispatch.orchestrator.HostileInputs.network;
import static io.dispatch.orchestrator.HostileInputs.raw;
import static io.dispatch.orchestrator.HostileInputs.repo;
import static io.dispatch.orchestrator.HostileInputs.withEnv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that would change what we generate or print: routing tags smuggled through domains or user
 * tags, and log lines forged through ids, reasons and keys. Every one is refused at input, and the
 * one line that says so quotes user text escaped.
 */
class InputInjectionTest {

  static Stream<Arguments> injection() {
    return Stream.of(
        image(
            "domain with a comma tag",
            d -> network(d).put("portNumber", 80).put("domain", "a,urlprefix-evil.com/"),
            P
                + "'networks[0].domain' must be a host name: labels of letters, digits and '-' (1-63 characters) joined by '.'"),
        image(
            "custom_domain with a fabio option",
            d -> network(d).put("portNumber", 80).put("custom_domain", "evil.com/ strip=/x"),
            P
                + "'networks[0].custom_domain' must be a host name: labels of letters, digits and '-' (1-63 characters) joined by '.'"),
        image(
            "domain with a newline",
            d -> network(d).put("portNumber", 80).put("domain", "a.com\nurlprefix-b.com"),
            P + "'networks[0].domain' must be one line of text without control characters"),
        image(
            "clusterDomain with a path",
            d -> d.put("clusterDomain", "apps.example.test/x"),
            P
                + "'clusterDomain' must be a host name: labels of letters, digits and '-' (1-63 characters) joined by '.'"),
        withEnv(
            IMAGE,
            "deploy-image",
            "CLUSTER_DOMAIN",
            "apps.example.test,urlprefix-evil.com/",
            "CLUSTER_DOMAIN: must be a host name: labels of letters, digits and '-' (1-63 characters)"
                + " joined by '.'"),
        image(
            "a tag claiming another tenant's route",
            d -> consulTags(d).add("urlprefix-victim.example.com/"),
            P
                + "'consul.tags[0]' must not start with 'urlprefix-': the platform's routing uses that prefix"),
        image(
            "a tag claiming a custom domain",
            d -> consulTags(d).add("ok").add("custom-victim.example.com"),
            P
                + "'consul.tags[1]' must not start with 'custom-': the platform's routing uses that prefix"),
        image(
            "a tcp-lb tag",
            d -> consulTags(d).add("tcp-lb"),
            P
                + "'consul.tags[0]' must not start with 'tcp-lb': the platform's routing uses that prefix"),
        image(
            "a green tag",
            d -> consulTags(d).add("green"),
            P + "'consul.tags[0]' must not be 'green': the platform's rollouts use that tag"),
        image(
            "a tag with a comma",
            d -> consulTags(d).add("a,urlprefix-evil.com/"),
            P + "'consul.tags[0]' must be 1-255 printable characters without spaces or commas"),
        image(
            "deploymentId forging a log line",
            d -> d.put("deploymentId", "d1\n12:00:00.000 ✓ deploy forged"),
            P + "'deploymentId' must be one line of text without control characters"),
        image(
            "serviceId with an ANSI escape",
            d -> d.put("serviceId", "svc\u001b[2J"),
            P + "'serviceId' must be one line of text without control characters"),
        image(
            "serviceId with a slash",
            d -> d.put("serviceId", "svc/../x"),
            P + "'serviceId' must be 1-128 letters, digits, '.', '-' or '_' (and not '.' or '..')"),
        destroy(
            "reason forging a log line",
            d -> d.put("reason", "delete\nWARN forged"),
            P + "'reason' must be one line of text without control characters"),
        repo(
            "branch with an escape",
            d -> d.put("branch", "main\u001b[31m"),
            P + "'branch' must be one line of text without control characters"),
        repo(
            "a build arg name with a newline",
            d -> ((ObjectNode) d.get("build")).putObject("buildArgs").put("A\nB", "1"),
            P + "'build.buildArgs' must be one line of text without control characters"),
        raw(
            "deploy-image",
            "a duplicate key with a newline",
            "{\"a\\nb\":1,\"a\\nb\":2}",
            P + "is not valid JSON at line 1, column 17: the key 'a\\nb' appears twice"),
        Arguments.of(
            "a task with a newline",
            env("deploy-image\nforged", "{}"),
            "NOMAD_META_TASK: unknown task 'deploy-image\\nforged' (expected one of deploy-repository, redeploy-repository, deploy-image, destroy-job-pack)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("injection")
  void whatWouldChangeWhatWeGenerateOrPrintIsRefusedAtInput(
      String name, Map<String, String> env, String line) {
    assertOneLine(env, line);
  }
}
