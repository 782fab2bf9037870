package io.dispatch.lifecycle.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.portdetector.ImageMetadata;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryFirstImageInspectorTest {

  private final WireMockServer server =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private final RegistryClient registry =
      RegistryClient.create(
          RegistryOptions.defaults(
                  new RuntimeSettings(
                      Duration.ofMinutes(1), null, null, Set.of(), Path.of("."), ""))
              .withBackoff(Duration.ofMillis(10)));
  private final RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofMinutes(1));
  private final List<ImageReference> daemonCalls = new ArrayList<>();
  private StepFailedException daemonFailure;
  private final ImageInspector daemon =
      (image, credentials, control) -> {
        daemonCalls.add(image);
        if (daemonFailure != null) {
          throw daemonFailure;
        }
        return new ImageConfig(
            image, "sha256:" + "d".repeat(64), ImageMetadata.empty(), "daemon", -1);
      };
  private final ImageInspector inspector = new RegistryFirstImageInspector(registry, daemon);

  RegistryFirstImageInspectorTest() {
    server.start();
  }

  @AfterEach
  void stop() {
    control.close();
    registry.close();
    server.stop();
  }

  private ImageReference image(String repositoryAndTag) {
    return ImageReference.parse("127.0.0.1:" + server.port() + "/" + repositoryAndTag);
  }

  @Test
  void aTagTheRegistryDoesNotKnowIsReportedWithoutPulling() {
    server.stubFor(
        get(urlPathEqualTo("/v2/demo/app/manifests/nope"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody(
                        "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}")));

    assertThatThrownBy(() -> inspector.inspect(image("demo/app:nope"), Optional.empty(), control))
        .isInstanceOf(RegistryException.class)
        .hasMessage(
            "image 127.0.0.1:"
                + server.port()
                + "/demo/app:nope not found in the registry (manifest unknown)");
    assertThat(daemonCalls).isEmpty();
  }

  @Test
  void deniedAccessIsReportedWithoutPulling() {
    server.stubFor(
        get(urlPathEqualTo("/v2/demo/app/manifests/1"))
            .willReturn(
                aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"r\"")));

    assertThatThrownBy(
            () ->
                inspector.inspect(
                    image("demo/app:1"), RegistryCredentials.of("", "u", "wrong"), control))
        .hasMessageEndingWith("denied: check the registry credentials");
    assertThat(daemonCalls).isEmpty();
  }

  @Test
  void anUnreachableRegistryFallsBackToTheDaemon() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ImageReference image = ImageReference.parse("127.0.0.1:" + closedPort + "/demo/app:1");

    ImageConfig result = inspector.inspect(image, Optional.empty(), control);

    assertThat(result.source()).isEqualTo("daemon");
    assertThat(daemonCalls).containsExactly(image);
  }

  @Test
  void anUnsupportedAuthenticationSchemeFallsBackToTheDaemon() {
    server.stubFor(
        get(urlPathEqualTo("/v2/demo/app/manifests/1"))
            .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Negotiate")));

    ImageConfig result = inspector.inspect(image("demo/app:1"), Optional.empty(), control);

    assertThat(result.source()).isEqualTo("daemon");
  }

  @Test
  void whenTheDaemonFailsTooBothReasonsAreGiven() {
    server.stubFor(
        get(urlPathEqualTo("/v2/demo/app/manifests/1")).willReturn(aResponse().withStatus(502)));
    daemonFailure = new StepFailedException("pull of image x failed: connection refused");

    assertThatThrownBy(() -> inspector.inspect(image("demo/app:1"), Optional.empty(), control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "registry 127.0.0.1:"
                + server.port()
                + " answered HTTP 502 while reading image 127.0.0.1:"
                + server.port()
                + "/demo/app:1; pulling it through the Docker daemon failed too: "
                + "pull of image x failed: connection refused");
  }
}
