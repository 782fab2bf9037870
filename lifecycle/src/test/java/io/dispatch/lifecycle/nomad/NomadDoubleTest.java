package io.dispatch.lifecycle.nomad;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadScenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Nomad double speaks Nomad's HTTP API, seen with a plain HTTP client instead of the SDK. */
class NomadDoubleTest {

  private static final String REGISTER_BODY = "{\"Job\":{\"ID\":\"web-app\",\"Name\":\"web-app\"}}";
  private static NomadDouble nomad;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startNomad() {
    NomadKit.quietLibraryLogs();
    nomad = NomadDouble.start();
  }

  @AfterAll
  static void stopNomad() {
    nomad.close();
  }

  @BeforeEach
  void reset() {
    nomad.scenario(NomadScenario.SUCCESSFUL);
  }

  @Test
  void registerAcceptsPostAsWellAsPutAndSendsNomadsHeaders() throws Exception {
    HttpResponse<String> response = send("POST", "/v1/jobs?namespace=default&namespace=default");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Nomad-Index")).hasValue("1205");
    assertThat(response.headers().firstValue("X-Nomad-KnownLeader")).hasValue("true");
    assertThat(response.headers().firstValue("X-Nomad-LastContact")).hasValue("0");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).contains("\"EvalID\":\"" + NomadScenario.Ids.A_EVAL + "\"");
    assertThat(nomad.lastRegisteredJob().get("ID").asText()).isEqualTo("web-app");
  }

  @Test
  void aBlockingQueryIsHeldUntilTheObjectChanges() throws Exception {
    send("PUT", "/v1/jobs");
    String eval = "/v1/evaluation/" + NomadScenario.Ids.A_EVAL;
    assertThat(send("GET", eval).body()).contains("\"Status\":\"pending\"");

    CompletableFuture<HttpResponse<String>> held =
        http.sendAsync(
            request("GET", eval + "?index=1205&wait=5s"), HttpResponse.BodyHandlers.ofString());
    assertThat(nomad.awaitHeld(NomadEndpoint.EVALUATION, Duration.ofSeconds(2))).isTrue();
    assertThat(held).isNotDone();
    nomad.advance();

    HttpResponse<String> changed = held.get(1, TimeUnit.SECONDS);
    assertThat(changed.body()).contains("\"Status\":\"complete\"");
    assertThat(changed.headers().firstValue("X-Nomad-Index")).hasValue("1207");
  }

  @Test
  void aBlockingQueryWithoutChangeAnswersTheSameIndexWhenItsWaitRunsOut() throws Exception {
    send("PUT", "/v1/jobs");

    CompletableFuture<HttpResponse<String>> held =
        http.sendAsync(
            request("GET", "/v1/evaluation/" + NomadScenario.Ids.A_EVAL + "?index=1205&wait=1s"),
            HttpResponse.BodyHandlers.ofString());

    assertThat(nomad.awaitHeld(NomadEndpoint.EVALUATION, Duration.ofSeconds(5))).isTrue();
    HttpResponse<String> response = held.get(10, TimeUnit.SECONDS); // no advance: the wait ran out
    assertThat(response.headers().firstValue("X-Nomad-Index")).hasValue("1205");
    assertThat(response.body()).contains("\"Status\":\"pending\"");
    assertThat(nomad.isHeld(NomadEndpoint.EVALUATION)).isFalse();
  }

  @Test
  void unknownObjectsAnswer404WithNomadsPlainTextMessage() throws Exception {
    HttpResponse<String> response = send("GET", "/v1/deployment/0000");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("deployment not found");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
  }

  @Test
  void jobIdsWithASlashWorkEscapedOrNot() throws Exception {
    nomad.givenJob("deployer/dispatch-1-ab");

    assertThat(send("GET", "/v1/job/deployer%2Fdispatch-1-ab").statusCode()).isEqualTo(200);
    assertThat(send("DELETE", "/v1/job/deployer/dispatch-1-ab?purge=true").statusCode())
        .isEqualTo(200);
    assertThat(send("DELETE", "/v1/job/deployer/dispatch-1-ab?purge=true").statusCode())
        .isEqualTo(404);
  }

  @Test
  void aJobWithoutDeploymentHasANullLatestDeployment() throws Exception {
    send("PUT", "/v1/jobs");

    HttpResponse<String> response = send("GET", "/v1/job/web-app/deployment");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("null");
  }

  private HttpResponse<String> send(String method, String path)
      throws IOException, InterruptedException {
    return http.send(request(method, path), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String method, String path) {
    HttpRequest.BodyPublisher body =
        method.equals("PUT") || method.equals("POST")
            ? HttpRequest.BodyPublishers.ofString(REGISTER_BODY)
            : HttpRequest.BodyPublishers.noBody();
    return HttpRequest.newBuilder(URI.create(nomad.url() + path)).method(method, body).build();
  }
}
