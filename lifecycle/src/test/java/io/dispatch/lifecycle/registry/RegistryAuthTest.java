package io.dispatch.lifecycle.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.dispatch.lifecycle.registry.FakeRegistry.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.registry.FakeRegistry.Blob;
import io.dispatch.lifecycle.registry.RegistryException.Reason;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.testdata.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryAuthTest {

  private static final String USER = "robot";
  private static final String PASSWORD = "s3cret-pa55";
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private final FakeRegistry registry = FakeRegistry.start();
  private final RegistryClient client = RegistryClient.create(FakeRegistry.testOptions());
  private final TestClock clock = new TestClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final RunControl control = RunControl.start(clock, Duration.ofHours(2));
  private Blob config;

  @AfterEach
  void stop() {
    control.close();
    client.close();
    registry.close();
  }

  private Optional<RegistryCredentials> credentials(String password) {
    return RegistryCredentials.of(registry.host(), USER, password);
  }

  /** Publishes acme/app:1, served only to requests that carry {@code authorization}. */
  private void privateImage(String authorization) {
    config = config("{\"ExposedPorts\":{\"8080/tcp\":{}}}");
    Blob manifest = FakeRegistry.dockerManifest(config);
    registry.manifest(
        "acme/app",
        "1",
        manifest,
        Manifest.DOCKER_MANIFEST,
        m -> m.withHeader("Authorization", equalTo(authorization)).atPriority(1));
    registry.blob(
        "acme/app",
        config,
        m -> m.withHeader("Authorization", equalTo(authorization)).atPriority(1));
  }

  private void challenge(String wwwAuthenticate) {
    registry
        .server()
        .stubFor(
            get(urlPathMatching("/v2/.*"))
                .atPriority(10)
                .willReturn(
                    aResponse()
                        .withStatus(401)
                        .withHeader("WWW-Authenticate", wwwAuthenticate)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}")));
  }

  private String bearerChallenge() {
    return "Bearer realm=\"http://"
        + registry.host()
        + "/token\",service=\"test-registry\",scope=\"repository:acme/app:pull,push\"";
  }

  private void tokenService(String body) {
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/token"))
                .withHeader("Authorization", equalTo(BASIC))
                .atPriority(1)
                .willReturn(okJson(body)));
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/token"))
                .atPriority(5)
                .willReturn(
                    aResponse()
                        .withStatus(401)
                        .withBody("{\"details\":\"incorrect username or password\"}")));
  }

  @Test
  void aBearerChallengeIsAnsweredWithATokenFetchedWithBasicCredentials() {
    privateImage("Bearer tok-1");
    challenge(bearerChallenge());
    tokenService("{\"token\":\"tok-1\",\"expires_in\":300}");

    ImageConfig result = client.inspect(registry.ref("acme/app:1"), credentials(PASSWORD), control);

    assertThat(result.metadata().exposedPorts()).containsExactly("8080/tcp");
    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/token"))
                .withQueryParam("service", equalTo("test-registry"))
                .withQueryParam("scope", equalTo("repository:acme/app:pull"))
                .withHeader("Authorization", equalTo(BASIC)));
    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/v2/acme/app/manifests/1"))
                .withHeader("Authorization", absent()));
    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/v2/acme/app/manifests/1"))
                .withHeader("Authorization", equalTo("Bearer tok-1")));
    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/v2/acme/app/blobs/" + config.digest()))
                .withHeader("Authorization", equalTo("Bearer tok-1")));
  }

  @Test
  void theTokenIsCachedForLaterCallsUntilItExpires() {
    privateImage("Bearer tok-1");
    challenge(bearerChallenge());
    tokenService("{\"token\":\"tok-1\",\"expires_in\":300}");

    client.inspect(registry.ref("acme/app:1"), credentials(PASSWORD), control);
    client.inspect(registry.ref("acme/app:1"), credentials(PASSWORD), control);

    registry.server().verify(exactly(1), getRequestedFor(urlPathEqualTo("/token")));
    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/v2/acme/app/manifests/1"))
                .withHeader("Authorization", absent()));

    clock.advance(Duration.ofMinutes(5));
    client.inspect(registry.ref("acme/app:1"), credentials(PASSWORD), control);

    registry.server().verify(exactly(2), getRequestedFor(urlPathEqualTo("/token")));
  }

  @Test
  void anAccessTokenFieldIsAcceptedLikeAToken() {
    privateImage("Bearer oauth-9");
    challenge(bearerChallenge());
    tokenService("{\"access_token\":\"oauth-9\"}");

    ImageConfig result = client.inspect(registry.ref("acme/app:1"), credentials(PASSWORD), control);

    assertThat(result.metadata().exposedPorts()).containsExactly("8080/tcp");
  }

  @Test
  void anAnonymousTokenIsFetchedWithoutCredentials() {
    privateImage("Bearer anon");
    challenge(bearerChallenge());
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/token"))
                .withHeader("Authorization", absent())
                .willReturn(okJson("{\"token\":\"anon\"}")));

    client.inspect(registry.ref("acme/app:1"), Optional.empty(), control);

    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization", absent()));
  }

  @Test
  void wrongCredentialsAreDeniedWithoutRevealingThePassword() {
    privateImage("Bearer tok-1");
    challenge(bearerChallenge());
    tokenService("{\"token\":\"tok-1\"}");

    assertThatThrownBy(
            () -> client.inspect(registry.ref("acme/app:1"), credentials("wrong-pass"), control))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.DENIED);
              assertThat(e.daemonMayHelp()).isFalse();
            })
        .hasMessage(
            "access to " + registry.host() + "/acme/app denied: check the registry credentials")
        .hasMessageNotContaining("wrong-pass");
  }

  @Test
  void aBasicChallengeIsAnsweredWithTheCredentialsWhichAreThenSentUpFront() {
    privateImage(BASIC);
    challenge("Basic realm=\"dispatch-test\"");

    ImageConfig result = client.inspect(registry.ref("acme/app:1"), credentials(PASSWORD), control);

    assertThat(result.metadata().exposedPorts()).containsExactly("8080/tcp");
    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathMatching("/v2/.*")).withHeader("Authorization", absent()));
    registry
        .server()
        .verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/v2/acme/app/blobs/" + config.digest()))
                .withHeader("Authorization", equalTo(BASIC)));
  }

  @Test
  void aBasicChallengeWithoutCredentialsSaysNoneWereGiven() {
    privateImage(BASIC);
    challenge("Basic realm=\"dispatch-test\"");

    assertThatThrownBy(() -> client.inspect(registry.ref("acme/app:1"), Optional.empty(), control))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DENIED))
        .hasMessage(
            "access to "
                + registry.host()
                + "/acme/app denied: the registry requires credentials and none were given");
  }

  @Test
  void credentialsForAnotherRegistryAreNeverSent() {
    privateImage(BASIC);
    challenge("Basic realm=\"dispatch-test\"");

    assertThatThrownBy(
            () ->
                client.inspect(
                    registry.ref("acme/app:1"),
                    RegistryCredentials.of("ghcr.io", USER, PASSWORD),
                    control))
        .hasMessageContaining("none were given");
    registry
        .server()
        .verify(
            exactly(0),
            getRequestedFor(urlPathMatching(".*")).withHeader("Authorization", equalTo(BASIC)));
  }

  @Test
  void anUnsupportedSchemeLeavesTheImageToTheDaemon() {
    privateImage(BASIC);
    challenge("Negotiate");

    assertThatThrownBy(
            () -> client.inspect(registry.ref("acme/app:1"), credentials(PASSWORD), control))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED);
              assertThat(e.daemonMayHelp()).isTrue();
            })
        .hasMessageContaining("unsupported authentication [negotiate]");
  }
}
