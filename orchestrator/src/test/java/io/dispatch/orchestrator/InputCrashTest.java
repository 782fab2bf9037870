package io.dispatch.orchestrator;

import static io.dispatch.orchestrator.HostileInputs.IMAGE;
import static io.dispatch.orchestrator.HostileInputs.P;
import static io.dispatch.orchestrator.HostileInputs.assertOneLine;
import static io.dispatch.orchestrator.HostileInputs.destroy;
import static io.dispatch.orchestrator.HostileInputs.env;
import static io.dispatch.orchestrator.HostileInputs.image;
import static io.dispatch.orchestrator.HostileInputs.network;
import static io.dispatch.orchestrator.HostileInputs.raw;
import static io.dispatch.orchestrator.HostileInputs.repo;
import static io.dispatch.orchestrator.HostileInputs.withEnv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that used to end the run with a stack trace and exit 1 (a number like 1e400, a NUL in a
 * path, a port out of range, a query in the Nomad address, a missing CA file, a duration that
 * overflows): each now ends at input with exit 2 and one line naming the field.
 */
class InputCrashTest {

  static Stream<Arguments> crashes() {
    BigDecimal huge = new BigDecimal("1e400");
    return Stream.of(
        image("cpu 1e400", d -> d.put("cpu", huge), P + "'cpu' is too large"),
        image("ram -1e400", d -> d.put("ram", huge.negate()), P + "'ram' is too large"),
        image("replicaCount", d -> d.put("replicaCount", huge), P + "'replicaCount' is too large"),
        image(
            "restartAttempts",
            d -> d.put("restartAttempts", huge),
            P + "'restartAttempts' is too large"),
        image(
            "deploymentJobId",
            d -> d.put("deploymentJobId", huge),
            P + "'deploymentJobId' is too large"),
        image("ownerId", d -> d.put("ownerId", huge), P + "'ownerId' is too large"),
        image(
            "deploymentCount",
            d -> d.put("deploymentCount", huge),
            P + "'deploymentCount' is too large"),
        image(
            "portNumber",
            d -> network(d).put("portNumber", huge),
            P + "'networks[0].portNumber' is too large"),
        image(
            "health_check.port",
            d -> network(d).put("portNumber", 80).putObject("health_check").put("port", huge),
            P + "'networks[0].health_check.port' is too large"),
        image(
            "update.canary",
            d -> d.putObject("update").put("canary", huge),
            P + "'update.canary' is too large"),
        raw(
            "deploy-image",
            "a 2000-digit number",
            "{\"cpu\": " + "9".repeat(2000) + "}",
            P + "is not valid JSON: a number is too long"),
        raw(
            "deploy-image",
            "nested 100 deep",
            "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}",
            P + "is not valid JSON: nested more than 32 levels deep"),
        repo(
            "NUL in rootDirectory",
            d -> ((ObjectNode) d.get("build")).put("rootDirectory", "src\u0000/x"),
            P + "'build.rootDirectory' must be one line of text without control characters"),
        repo(
            "NUL in dockerfilePath",
            d -> ((ObjectNode) d.get("build")).put("dockerfilePath", "Docker\u0000file"),
            P + "'build.dockerfilePath' must be one line of text without control characters"),
        withEnv(
            IMAGE,
            "deploy-image",
            "OTEL_EXPORTER_OTLP_HEADERS",
            "authorization=Bearer%zz",
            "OTEL_EXPORTER_OTLP_HEADERS: has a malformed %-escape (write % as %25)"),
        image(
            "backendUrl port 99999",
            d -> d.put("backendUrl", "http://127.0.0.1:99999").put("accessToken", "tok-1234"),
            P + "'backendUrl' must have a port between 1 and 65535"),
        withEnv(
            IMAGE,
            "deploy-image",
            "BACKEND_URL",
            "http://127.0.0.1:99999",
            "BACKEND_URL: must have a port between 1 and 65535",
            "ACCESS_TOKEN",
            "tok-1234"),
        image(
            "imageName port 99999",
            d -> d.put("imageName", "127.0.0.1:99999/demo/hello"),
            P + "'imageName' has a registry port outside 1-65535"),
        repo(
            "sourceUrl port 99999",
            d ->
                d.put("sourceType", "local_upload")
                    .put("sourceUrl", "http://127.0.0.1:99999/a.tgz"),
            P + "'sourceUrl' must have a port between 1 and 65535"),
        image(
            "nomadAddress port 99999",
            d -> d.put("nomadAddress", "http://127.0.0.1:99999"),
            P + "'nomadAddress' must have a port between 1 and 65535"),
        withEnv(
            IMAGE,
            "deploy-image",
            "NOMAD_ADDR",
            "http://127.0.0.1:99999",
            "NOMAD_ADDR: must have a port between 1 and 65535"),
        destroy(
            "jobs[1].nomadAddress port 99999",
            d -> ((ObjectNode) d.get("jobs").get(1)).put("nomadAddress", "http://n:99999"),
            P + "'jobs[1].nomadAddress' must have a port between 1 and 65535"),
        withEnv(
            IMAGE,
            "deploy-image",
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "http://127.0.0.1:99999",
            "OTEL_EXPORTER_OTLP_ENDPOINT: must have a port between 1 and 65535"),
        image(
            "nomadAddress query",
            d -> d.put("nomadAddress", "http://127.0.0.1:4646?region=x"),
            P + "'nomadAddress' must not have a query or a fragment"),
        image(
            "nomadAddress fragment",
            d -> d.put("nomadAddress", "http://127.0.0.1:4646#x"),
            P + "'nomadAddress' must not have a query or a fragment"),
        image(
            "nomadAddress IPv4-mapped",
            d -> d.put("nomadAddress", "http://[::ffff:127.0.0.1]:4646"),
            P + "'nomadAddress' must not use an IPv4-mapped IPv6 address; write the IPv4 address"),
        withEnv(
            IMAGE,
            "deploy-image",
            "NOMAD_CACERT",
            "/nonexistent/ca.pem",
            "NOMAD_CACERT: is not a readable file"),
        image(
            "interval 999999999999",
            d ->
                network(d)
                    .put("portNumber", 80)
                    .putObject("health_check")
                    .put("interval", "999999999999"),
            P + "'networks[0].health_check.interval' must be a duration such as 30s, 5m or 1h30m"),
        image(
            "progressDeadline 999999999999",
            d -> d.putObject("update").put("progressDeadline", "999999999999"),
            P + "'update.progressDeadline' must be a duration such as 30s, 5m or 1h30m"),
        image(
            "progressDeadline 100000h",
            d -> d.putObject("update").put("progressDeadline", "100000h"),
            P + "'update.progressDeadline' must be at most 24h"),
        withEnv(
            IMAGE,
            "deploy-image",
            "DISPATCH_TIMEOUT",
            "999999999999",
            "DISPATCH_TIMEOUT: must be a duration such as 90s, 15m or 1h"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crashes")
  void whatUsedToCrashEndsAsOneLineAtInput(String name, Map<String, String> env, String line) {
    assertOneLine(env, line);
  }
}
