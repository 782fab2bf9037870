package io.dispatch.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import io.dispatch.testdata.BackendDouble;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackendClientTest {

  private static BackendDouble backend;
  private BackendClient client;

  @BeforeAll
  static void startBackend() {
    backend = BackendDouble.start();
  }

  @AfterAll
  static void stopBackend() {
    backend.close();
  }

  @BeforeEach
  void setUp() {
    backend.resetToHappyPath();
    client = clientFor(backend.url() + "/");
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static BackendClient clientFor(String url) {
    BackendConfig config =
        new BackendConfig(
            URI.create(url),
            BackendDouble.TOKEN,
            Duration.ofMillis(500),
            Duration.ofMillis(800),
            Duration.ofSeconds(2));
    return BackendClient.create(config, Clock.systemUTC());
  }

  private static Instant soon() {
    return Instant.now().plusSeconds(2);
  }

  @Test
  void askDomainSendsServiceIdAndTokenAsQueryAndReturnsTheDomain() throws Exception {
    assertThat(client.askDomain("svc_123", soon())).isEqualTo("app-1");

    backend
        .server()
        .verify(
            getRequestedFor(urlPathEqualTo("/api/local/ask-domain"))
                .withQueryParam("serviceId", equalTo("svc_123"))
                .withQueryParam("accessToken", equalTo(BackendDouble.TOKEN)));
  }

  @Test
  void askDomainAnsweredWithoutDomainIsAFailureThatSaysWhy() {
    backend
        .server()
        .stubFor(
            get(urlPathEqualTo("/api/local/ask-domain"))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withBody("{\"msg\":\"Invalid service id passed!\"}")));

    assertThatThrownBy(() -> client.askDomain("svc_404", soon()))
        .isInstanceOf(BackendException.class)
        .hasMessage(
            "GET /api/local/ask-domain: answer has no 'domain' (Invalid service id passed!)")
        .matches(e -> !((BackendException) e).retryable());
  }

  @Test
  void askDomainWithEmptyDomainIsAFailure() {
    backend
        .server()
        .stubFor(
            get(urlPathEqualTo("/api/local/ask-domain"))
                .willReturn(aResponse().withStatus(200).withBody("{\"domain\":\"\"}")));

    assertThatThrownBy(() -> client.askDomain("svc", soon())).hasMessageContaining("no 'domain'");
  }

  @Test
  void askDomainWithMalformedJsonIsAFailure() {
    backend
        .server()
        .stubFor(
            get(urlPathEqualTo("/api/local/ask-domain"))
                .willReturn(aResponse().withStatus(200).withBody("{domain: oops")));

    assertThatThrownBy(() -> client.askDomain("svc", soon()))
        .hasMessage("GET /api/local/ask-domain: answer is not JSON");
  }

  @Test
  void askDomainRefusesAnAnswerThatIsNotAHostName() {
    backend
        .server()
        .stubFor(
            get(urlPathEqualTo("/api/local/ask-domain"))
                .willReturn(aResponse().withStatus(200).withBody("{\"domain\":\"<b>x</b>\"}")));

    assertThatThrownBy(() -> client.askDomain("svc", soon()))
        .hasMessageContaining("not a host name");
  }

  @Test
  void serviceUpdateSendsTheContractBody() throws Exception {
    ServiceUpdate update =
        new ServiceUpdate(
            "svc_123",
            List.of(
                new ServiceUpdate.Network(
                    8080,
                    "http",
                    true,
                    "app-1.cloud.app",
                    "http",
                    new ServiceUpdate.HealthCheck("http", "/", "30s", "30s", 8080)),
                new ServiceUpdate.Network(
                    5432,
                    "tcp",
                    false,
                    "",
                    "tcp",
                    new ServiceUpdate.HealthCheck("tcp", "", "30s", "30s", 5432))),
            "1000",
            "--port 8080",
            "/app/run");

    client.updateService(update, soon());

    backend
        .server()
        .verify(
            putRequestedFor(urlPathEqualTo("/api/local/service-update"))
                .withQueryParam("accessToken", equalTo(BackendDouble.TOKEN))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(
                    equalToJson(
                        """
                        {"serviceId":"svc_123",
                         "network":[
                           {"port":8080,"type":"http","public":true,"domain":"app-1.cloud.app",
                            "has_health_check":"http",
                            "health_check":{"type":"http","path":"/","interval":"30s","timeout":"30s","port":8080}},
                           {"port":5432,"type":"tcp","public":false,"domain":"",
                            "has_health_check":"tcp",
                            "health_check":{"type":"tcp","interval":"30s","timeout":"30s","port":5432}}],
                         "docker_user":"1000","cmd":"--port 8080","entrypoint":"/app/run"}
                        """)));
  }

  @Test
  void serviceUpdateLeavesOutEmptyOptionalFields() throws Exception {
    client.updateService(new ServiceUpdate("svc_1", List.of(), "", null, ""), soon());

    backend
        .server()
        .verify(
            putRequestedFor(urlPathEqualTo("/api/local/service-update"))
                .withRequestBody(equalToJson("{\"serviceId\":\"svc_1\"}")));
  }

  @Test
  void stepUpdateSendsTheContractBody() throws Exception {
    client.updateDeploymentStep(
        StepUpdate.of("gdeployment_1", "app", "deploy", StepStatus.FAILED, "Nomad said no"),
        soon());
    client.updateDeploymentStep(
        StepUpdate.of("gdeployment_1", "app", "deploy", StepStatus.IN_PROGRESS, null), soon());

    backend
        .server()
        .verify(
            putRequestedFor(urlPathEqualTo("/api/local/deployment-step/update"))
                .withQueryParam("accessToken", equalTo(BackendDouble.TOKEN))
                .withRequestBody(
                    equalToJson(
                        "{\"deploymentId\":\"gdeployment_1\",\"deployment_type\":\"app\","
                            + "\"step\":\"deploy\",\"status\":\"failed\",\"error\":\"Nomad said no\"}")));
    backend
        .server()
        .verify(
            putRequestedFor(urlPathEqualTo("/api/local/deployment-step/update"))
                .withRequestBody(
                    equalToJson(
                        "{\"deploymentId\":\"gdeployment_1\",\"deployment_type\":\"app\","
                            + "\"step\":\"deploy\",\"status\":\"in_progress\"}")));
  }

  @Test
  void serverErrorsAndTooManyRequestsAreRetryable() {
    stubStep(aResponse().withStatus(503).withBody("down for maintenance"));
    assertThatThrownBy(this::sendStep)
        .hasMessage("PUT /api/local/deployment-step/update: HTTP 503: down for maintenance")
        .matches(e -> ((BackendException) e).retryable() && ((BackendException) e).status() == 503);

    stubStep(aResponse().withStatus(429));
    assertThatThrownBy(this::sendStep).matches(e -> ((BackendException) e).retryable());
  }

  @Test
  void validationErrorsAreFinalAndQuoteTheBackend() {
    stubStep(
        aResponse()
            .withStatus(422)
            .withBody(
                "{\"message\":[\"network.0.type must be one of the following values: http, tcp, none\"]}"));

    assertThatThrownBy(this::sendStep)
        .hasMessageContaining("HTTP 422")
        .hasMessageContaining("network.0.type must be one of")
        .matches(e -> !((BackendException) e).retryable());
  }

  @Test
  void theTokenNeverAppearsInAMessageEvenWhenTheBackendEchoesIt() {
    stubStep(aResponse().withStatus(400).withBody("bad token " + BackendDouble.TOKEN));

    assertThatThrownBy(this::sendStep)
        .hasMessageNotContaining(BackendDouble.TOKEN)
        .hasMessageContaining("bad token ***");
  }

  @Test
  void aResetConnectionIsRetryable() {
    stubStep(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThatThrownBy(this::sendStep).matches(e -> ((BackendException) e).retryable());
  }

  @Test
  void aResponseThatNeverComesEndsAtTheDeadline() {
    stubStep(aResponse().withStatus(200).withFixedDelay(10_000));
    Instant deadline = Instant.now().plusMillis(300);

    assertThatThrownBy(
            () ->
                client.updateDeploymentStep(
                    StepUpdate.of("d", "app", "deploy", StepStatus.COMPLETED, null), deadline))
        .hasMessageContaining("no answer within") // the 10 s answer was not waited for
        .matches(e -> ((BackendException) e).retryable());
  }

  @Test
  void aRefusedConnectionFailsAtOnce() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (BackendClient refused = clientFor("http://127.0.0.1:" + closedPort)) {
      assertThatThrownBy(() -> refused.askDomain("svc", soon()))
          .hasMessage("GET /api/local/ask-domain: connection refused")
          .matches(e -> ((BackendException) e).retryable());
    }
  }

  @Test
  void anExpiredDeadlineSendsNothing() {
    assertThatThrownBy(() -> client.askDomain("svc", Instant.now().minusMillis(1)))
        .hasMessageContaining("no time left");
    assertThat(backend.calls()).isEmpty();
  }

  private void stubStep(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    backend
        .server()
        .stubFor(put(urlPathEqualTo("/api/local/deployment-step/update")).willReturn(response));
  }

  private void sendStep() throws BackendException {
    client.updateDeploymentStep(
        StepUpdate.of("d", "app", "deploy", StepStatus.COMPLETED, null), soon());
  }
}
