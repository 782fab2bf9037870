package io.dispatch.orchestrator;

import static io.dispatch.orchestrator.HostileInputs.DESTROY;
import static io.dispatch.orchestrator.HostileInputs.IMAGE;
import static io.dispatch.orchestrator.HostileInputs.P;
import static io.dispatch.orchestrator.HostileInputs.assertOneLine;
import static io.dispatch.orchestrator.HostileInputs.destroy;
import static io.dispatch.orchestrator.HostileInputs.env;
import static io.dispatch.orchestrator.HostileInputs.image;
import static io.dispatch.orchestrator.HostileInputs.job;
import static io.dispatch.orchestrator.HostileInputs.raw;
import static io.dispatch.orchestrator.HostileInputs.repo;
import static io.dispatch.orchestrator.HostileInputs.withEnv;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.Fixtures;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that used to be accepted and must not be: data after the JSON object, duplicate keys, job
 * ids that step out of their path segment, file:// repositories without the setting, unbounded
 * lists and ids, uploads and clones from link-local addresses.
 */
class InputRefusedTest {

  static Stream<Arguments> acceptedWhenItMustNotBe() {
    String imageJson = Fixtures.json(IMAGE).toString();
    ObjectNode manyNetworks = Fixtures.json(IMAGE);
    ArrayNode networks = manyNetworks.putArray("networks");
    for (int i = 0; i < 101; i++) {
      networks.addObject().put("portNumber", 1000 + i);
    }
    ObjectNode manyJobs = Fixtures.json(DESTROY);
    ArrayNode jobs = manyJobs.putArray("jobs");
    for (int i = 0; i < 501; i++) {
      jobs.addObject().put("jobId", "job-" + i);
    }
    return Stream.of(
        raw(
            "deploy-image",
            "garbage after the object",
            imageJson + " GARBAGE",
            P
                + "is not valid JSON at line 1, column "
                + (imageJson.length() + 1)
                + ": something follows the JSON object (only one object is allowed)"),
        raw(
            "destroy-job-pack",
            "a second object",
            "{\"jobs\":[{\"jobId\":\"a\"}],\"reason\":\"x\"}"
                + "{\"jobs\":[{\"jobId\":\"b\"}],\"reason\":\"y\"}",
            P
                + "is not valid JSON at line 1, column 38: something follows the JSON object (only one object is allowed)"),
        raw(
            "deploy-image",
            "a duplicate key",
            "{\"jobId\":\"a\",\"jobId\":\"b\"}",
            P + "is not valid JSON at line 1, column 21: the key 'jobId' appears twice"),
        raw(
            "deploy-image",
            "a duplicate nested key",
            "{\"update\":{\"canary\":1,\"canary\":2}}",
            P + "is not valid JSON at line 1, column 31: the key 'canary' appears twice"),
        destroy(
            "jobId ../namespace/default",
            d -> job(d).put("jobId", "../namespace/default"),
            P
                + "'jobs[0].jobId' must be letters, digits, '.', '-' or '_', in parts joined by '/' (no part '.' or '..'), at most 256 characters"),
        destroy(
            "jobId ..",
            d -> job(d).put("jobId", ".."),
            P
                + "'jobs[0].jobId' must be letters, digits, '.', '-' or '_', in parts joined by '/' (no part '.' or '..'), at most 256 characters"),
        destroy(
            "serviceId with a slash",
            d -> job(d).put("serviceId", "a/b"),
            P
                + "'jobs[0].serviceId' must be 1-128 letters, digits, '.', '-' or '_' (and not '.' or '..')"),
        destroy("501 jobs", d -> d.setAll(manyJobs), P + "'jobs' must have at most 500 entries"),
        repo(
            "file:///etc",
            d -> d.put("repository", "file:///etc"),
            P
                + "'repository' is a file:// repository, which reads this machine's disk; set DISPATCH_ALLOW_FILE_REPOSITORIES=1 to allow it"),
        image(
            "a 120 KB deploymentId",
            d -> d.put("deploymentId", "a".repeat(120_000)),
            P + "'deploymentId' must be at most 4096 characters long"),
        image(
            "a 129-character deploymentId",
            d -> d.put("deploymentId", "a".repeat(129)),
            P
                + "'deploymentId' must be 1-128 letters, digits, '.', '-' or '_' (and not '.' or '..')"),
        image(
            "101 networks",
            d -> d.setAll(manyNetworks),
            P + "'networks' must have at most 100 entries"),
        image(
            "a 4097-character teamId",
            d -> d.put("teamId", "t".repeat(4097)),
            P + "'teamId' must be at most 4096 characters long"),
        repo(
            "an upload from the metadata service",
            d ->
                d.put("sourceType", "local_upload")
                    .put("sourceUrl", "http://169.254.169.254/latest/x.tgz"),
            P + "'sourceUrl' must not point at a link-local or cloud metadata address"),
        repo(
            "an upload from a decimal address",
            d -> d.put("sourceType", "local_upload").put("sourceUrl", "http://2852039166/x.tgz"),
            P + "'sourceUrl' must name its host by name or as a plain IPv4 or IPv6 address"),
        repo(
            "a clone from fe80::",
            d -> d.put("repository", "http://[fe80::1]/acme/app.git"),
            P + "'repository' must not point at a link-local or cloud metadata address"),
        repo(
            "a clone over ftp",
            d -> d.put("repository", "ftp://git.example.test/acme/app.git"),
            P + "'repository' must be an https://, http://, ssh:// or git:// URL, or owner/repo"),
        repo(
            "owner/repo with ..",
            d -> d.put("repository", "../etc"),
            P + "'repository' must be owner/repo or a repository URL"),
        raw(
            "deploy-image",
            "a document over 512 KiB",
            "{\"x\":\"" + "a".repeat(600_000) + "\"}",
            P + "is longer than 524288 characters"),
        withEnv(
            IMAGE,
            "deploy-image",
            "DISPATCH_ALLOW_FILE_REPOSITORIES",
            "maybe",
            "DISPATCH_ALLOW_FILE_REPOSITORIES: must be 1/true/yes or 0/false/no"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedWhenItMustNotBe")
  void whatUsedToBeAcceptedIsRefusedAtInput(String name, Map<String, String> env, String line) {
    assertOneLine(env, line);
  }
}
