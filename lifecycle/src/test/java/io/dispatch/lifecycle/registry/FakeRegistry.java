package io.dispatch.lifecycle.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.dispatch.lifecycle.params.ImageReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A registry double on loopback: publishes images (config blob, manifest, index) under their real
 * digests so the client's digest checks pass, and lets tests add faults through {@link #server()}.
 */
final class FakeRegistry implements AutoCloseable {

  static final String LAYER = "sha256:" + "1".repeat(64);

  private final WireMockServer server;

  private FakeRegistry(WireMockServer server) {
    this.server = server;
  }

  static FakeRegistry start() {
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    return new FakeRegistry(server);
  }

  WireMockServer server() {
    return server;
  }

  String host() {
    return "127.0.0.1:" + server.port();
  }

  ImageReference ref(String repositoryAndTag) {
    return ImageReference.parse(host() + "/" + repositoryAndTag);
  }

  /** Options for tests: HTTP for every host, short timeouts, 10 ms back-off. */
  static RegistryOptions testOptions() {
    return new RegistryOptions(
        host -> true,
        Platform.LINUX_AMD64,
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(20),
        3,
        Duration.ofMillis(10),
        RegistryOptions.FOUR_MIB);
  }

  /** A config blob's bytes and digest. */
  record Blob(byte[] bytes, String digest) {
    static Blob of(String json) {
      byte[] b = json.getBytes(StandardCharsets.UTF_8);
      return new Blob(b, Digests.sha256(b));
    }
  }

  static Blob config(String containerConfigJson) {
    return Blob.of(
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":" + containerConfigJson + "}");
  }

  static Blob dockerManifest(Blob config) {
    return Blob.of(
        "{\"schemaVersion\":2,\"mediaType\":\""
            + Manifest.DOCKER_MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
            + "\"digest\":\""
            + config.digest()
            + "\",\"size\":"
            + config.bytes().length
            + "},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
            + "\"digest\":\""
            + LAYER
            + "\",\"size\":300000000}]}");
  }

  /** An index entry: {@code platform} as os/arch[/variant], or {@code attestation}. */
  static String entry(Blob manifest, String platform) {
    if (platform.equals("attestation")) {
      return "{\"mediaType\":\""
          + Manifest.OCI_MANIFEST
          + "\",\"digest\":\""
          + manifest.digest()
          + "\",\"size\":1,\"annotations\":{\"vnd.docker.reference.type\":\"attestation-manifest\"},"
          + "\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}";
    }
    String[] p = platform.split("/");
    return "{\"mediaType\":\""
        + Manifest.DOCKER_MANIFEST
        + "\",\"digest\":\""
        + manifest.digest()
        + "\",\"size\":"
        + manifest.bytes().length
        + ",\"platform\":{\"os\":\""
        + p[0]
        + "\",\"architecture\":\""
        + p[1]
        + "\""
        + (p.length > 2 ? ",\"variant\":\"" + p[2] + "\"" : "")
        + "}}";
  }

  static Blob index(List<String> entries) {
    return Blob.of(
        "{\"schemaVersion\":2,\"mediaType\":\""
            + Manifest.OCI_INDEX
            + "\",\"manifests\":["
            + String.join(",", entries)
            + "]}");
  }

  /** Serves a manifest under {@code reference} and under its digest. */
  void manifest(String repository, String reference, Blob manifest, String mediaType) {
    manifest(repository, reference, manifest, mediaType, UnaryOperator.identity());
  }

  void manifest(
      String repository,
      String reference,
      Blob manifest,
      String mediaType,
      UnaryOperator<MappingBuilder> condition) {
    for (String ref : List.of(reference, manifest.digest())) {
      server.stubFor(
          condition.apply(
              get(urlPathEqualTo("/v2/" + repository + "/manifests/" + ref))
                  .willReturn(
                      aResponse()
                          .withStatus(200)
                          .withHeader("Content-Type", mediaType)
                          .withHeader("Docker-Content-Digest", manifest.digest())
                          .withBody(manifest.bytes()))));
    }
  }

  void blob(String repository, Blob blob) {
    blob(repository, blob, UnaryOperator.identity());
  }

  void blob(String repository, Blob blob, UnaryOperator<MappingBuilder> condition) {
    server.stubFor(
        condition.apply(
            get(urlPathEqualTo("/v2/" + repository + "/blobs/" + blob.digest()))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/octet-stream")
                        .withBody(blob.bytes()))));
  }

  /** Publishes a single-platform Docker v2 image; returns its manifest. */
  Blob image(String repository, String tag, Blob config) {
    Blob manifest = dockerManifest(config);
    manifest(repository, tag, manifest, Manifest.DOCKER_MANIFEST);
    blob(repository, config);
    return manifest;
  }

  @Override
  public void close() {
    server.stop();
  }
}
