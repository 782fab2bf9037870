package io.dispatch.lifecycle.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.dispatch.lifecycle.registry.FakeRegistry.config;
import static io.dispatch.lifecycle.registry.FakeRegistry.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.registry.FakeRegistry.Blob;
import io.dispatch.lifecycle.registry.RegistryException.Reason;
import io.dispatch.lifecycle.run.RunControl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryClientTest {

  private final FakeRegistry registry = FakeRegistry.start();
  private final RegistryClient client = RegistryClient.create(FakeRegistry.testOptions());
  private final RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofMinutes(1));

  @AfterEach
  void stop() {
    control.close();
    client.close();
    registry.close();
  }

  private ImageConfig inspect(ImageReference image) {
    return client.inspect(image, Optional.empty(), control);
  }

  @Test
  void readsADockerV2ImagesConfigWithTwoSmallRequestsAndNoLayers() {
    Blob config =
        config(
            "{\"ExposedPorts\":{\"8080/tcp\":{},\"53/udp\":{}},\"Env\":[\"PORT=5050\"],"
                + "\"User\":\"app\",\"Cmd\":[\"serve\"],\"Entrypoint\":[\"/bin/app\"]}");
    Blob manifest = registry.image("demo/app", "1", config);

    ImageConfig result = inspect(registry.ref("demo/app:1"));

    assertThat(result.metadata().exposedPorts()).containsExactly("8080/tcp", "53/udp");
    assertThat(result.metadata().env()).containsExactly("PORT=5050");
    assertThat(result.metadata().user()).isEqualTo("app");
    assertThat(result.metadata().cmd()).containsExactly("serve");
    assertThat(result.metadata().entrypoint()).containsExactly("/bin/app");
    assertThat(result.digest()).isEqualTo(manifest.digest());
    assertThat(result.source()).isEqualTo("registry");
    assertThat(result.bytesFetched()).isEqualTo(manifest.bytes().length + config.bytes().length);
    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/v2/demo/app/manifests/1"))
                .withHeader("Accept", equalTo(Manifest.ACCEPT)));
    registry
        .server()
        .verify(
            exactly(1), getRequestedFor(urlPathEqualTo("/v2/demo/app/blobs/" + config.digest())));
    registry.server().verify(exactly(2), getRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void anIndexResolvesToItsLinuxAmd64ManifestAndSkipsAttestations() {
    Blob amd64Config = config("{\"ExposedPorts\":{\"8080/tcp\":{}}}");
    Blob amd64 = FakeRegistry.dockerManifest(amd64Config);
    Blob arm64 = FakeRegistry.dockerManifest(config("{\"ExposedPorts\":{\"9999/tcp\":{}}}"));
    Blob attestation = Blob.of("{\"schemaVersion\":2}");
    Blob index =
        FakeRegistry.index(
            List.of(
                entry(attestation, "attestation"),
                entry(arm64, "linux/arm64/v8"),
                entry(amd64, "linux/amd64")));
    registry.manifest("multi/app", "1", index, Manifest.OCI_INDEX);
    registry.manifest("multi/app", amd64.digest(), amd64, Manifest.DOCKER_MANIFEST);
    registry.blob("multi/app", amd64Config);

    ImageConfig result = inspect(registry.ref("multi/app:1"));

    assertThat(result.metadata().exposedPorts()).containsExactly("8080/tcp");
    assertThat(result.digest()).isEqualTo(index.digest());
    assertThat(result.bytesFetched())
        .isEqualTo(index.bytes().length + amd64.bytes().length + amd64Config.bytes().length);
    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/v2/multi/app/manifests/" + amd64.digest())));
    registry
        .server()
        .verify(
            exactly(0),
            getRequestedFor(urlPathEqualTo("/v2/multi/app/manifests/" + arm64.digest())));
    registry
        .server()
        .verify(
            exactly(0),
            getRequestedFor(urlPathEqualTo("/v2/multi/app/manifests/" + attestation.digest())));
  }

  @Test
  void anIndexWithoutLinuxAmd64IsADefiniteAnswerNamingWhatItHas() {
    Blob arm64 = FakeRegistry.dockerManifest(config("{}"));
    registry.manifest(
        "arm/app",
        "1",
        FakeRegistry.index(List.of(entry(arm64, "linux/arm64/v8"))),
        Manifest.OCI_INDEX);

    assertThatThrownBy(() -> inspect(registry.ref("arm/app:1")))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_MATCHING_PLATFORM))
        .hasMessage(
            "image "
                + registry.host()
                + "/arm/app:1 has no linux/amd64 variant (it has linux/arm64/v8)");
  }

  @Test
  void aMissingTagIsNotFoundAndNamesTheImage() {
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/demo/app/manifests/nope"))
                .willReturn(
                    aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\","
                                + "\"detail\":{\"Tag\":\"nope\"}}]}")));

    assertThatThrownBy(() -> inspect(registry.ref("demo/app:nope")))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
              assertThat(e.daemonMayHelp()).isFalse();
            })
        .hasMessage(
            "image "
                + registry.host()
                + "/demo/app:nope not found in the registry (manifest unknown)");
    registry.server().verify(exactly(1), getRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aPinnedDigestIsAskedForByDigestAndChecked() {
    Blob config = config("{}");
    Blob manifest = registry.image("demo/pinned", "1", config);

    ImageConfig result = inspect(registry.ref("demo/pinned@" + manifest.digest()));

    assertThat(result.digest()).isEqualTo(manifest.digest());
    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/v2/demo/pinned/manifests/" + manifest.digest())));
  }

  @Test
  void aManifestThatDoesNotMatchItsDigestIsRejected() {
    Blob config = config("{}");
    Blob manifest = FakeRegistry.dockerManifest(config);
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/demo/tampered/manifests/1"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", Manifest.DOCKER_MANIFEST)
                        .withHeader("Docker-Content-Digest", "sha256:" + "0".repeat(64))
                        .withBody(manifest.bytes())));

    assertThatThrownBy(() -> inspect(registry.ref("demo/tampered:1")))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
        .hasMessageContaining("does not match its digest");
  }

  @Test
  void aConfigBlobThatDoesNotMatchItsDigestIsRejected() {
    Blob config = config("{}");
    registry.manifest(
        "demo/bad", "1", FakeRegistry.dockerManifest(config), Manifest.DOCKER_MANIFEST);
    registry.blob("demo/bad", new Blob("{\"config\":{}}".getBytes(), config.digest()));

    assertThatThrownBy(() -> inspect(registry.ref("demo/bad:1")))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
        .hasMessageContaining("config blob");
  }

  @Test
  void anAnswerLargerThanTheLimitIsNotReadBeyondIt() {
    RegistryOptions small =
        new RegistryOptions(
            h -> true,
            Platform.LINUX_AMD64,
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            3,
            Duration.ofMillis(10),
            4096);
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/demo/huge/manifests/1"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", Manifest.DOCKER_MANIFEST)
                        .withBody(new byte[1024 * 1024])));

    try (RegistryClient limited = RegistryClient.create(small)) {
      assertThatThrownBy(
              () -> limited.inspect(registry.ref("demo/huge:1"), Optional.empty(), control))
          .isInstanceOfSatisfying(
              RegistryException.class, e -> assertThat(e.daemonMayHelp()).isTrue())
          .hasMessageContaining("larger than 4096 bytes");
    }
  }

  @Test
  void aSchemaOneManifestIsUnsupportedSoTheDaemonMayTry() {
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/old/app/manifests/1"))
                .willReturn(
                    aResponse()
                        .withHeader(
                            "Content-Type",
                            "application/vnd.docker.distribution.manifest.v1+prettyjws")
                        .withBody("{\"schemaVersion\":1,\"fsLayers\":[]}")));

    assertThatThrownBy(() -> inspect(registry.ref("old/app:1")))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED);
              assertThat(e.daemonMayHelp()).isTrue();
            })
        .hasMessage(
            "cannot read image "
                + registry.host()
                + "/old/app:1 through the registry API: unsupported manifest type (Docker schema 1)");
  }

  @Test
  void registryApiUrlsUseHttpsUnlessTheRegistryIsInsecure() {
    RegistryEndpoints secure =
        new RegistryEndpoints(FakeRegistry.testOptions().withPlainHttp(host -> false));
    RegistryEndpoints insecure = new RegistryEndpoints(FakeRegistry.testOptions());

    assertThat(secure.manifest(ImageReference.parse("nginx:1"), "1"))
        .hasToString("https://registry-1.docker.io/v2/library/nginx/manifests/1");
    assertThat(insecure.blob(ImageReference.parse("127.0.0.1:5000/a/b"), "sha256:x"))
        .hasToString("http://127.0.0.1:5000/v2/a/b/blobs/sha256:x");
  }
}
