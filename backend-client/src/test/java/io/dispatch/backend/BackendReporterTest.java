package io.dispatch.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.LogCapture;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackendReporterTest {

  /** Tight limits, for the tests about what a hung or dead backend costs. */
  private static final Duration BUDGET = Duration.ofMillis(800);

  private static final Duration CALL_TIMEOUT = Duration.ofMillis(500);

  private static BackendDouble backend;
  private LogCapture logs;
  private final List<String> failedCalls = new ArrayList<>();

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
    logs = LogCapture.of("io.dispatch.backend");
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  /**
   * A reporter with the production call limits and a budget large enough that a loaded test machine
   * never spends it: for tests about what is sent, not about what it costs.
   */
  private BackendReporter reporterFor(String url) {
    return reporterFor(
        url,
        new BackendConfig(
            URI.create(url),
            BackendDouble.TOKEN,
            BackendConfig.DEFAULT_CONNECT_TIMEOUT,
            BackendConfig.DEFAULT_CALL_TIMEOUT,
            Duration.ofSeconds(20)));
  }

  /** A reporter with tight limits, for tests about what a bad backend costs. */
  private BackendReporter tightReporterFor(String url) {
    return reporterFor(
        url,
        new BackendConfig(
            URI.create(url), BackendDouble.TOKEN, Duration.ofMillis(300), CALL_TIMEOUT, BUDGET));
  }

  private BackendReporter reporterFor(String url, BackendConfig config) {
    return BackendReporter.start(
        config,
        "gdeployment_9",
        "app",
        "svc_9",
        Clock.systemUTC(),
        (call, reason) -> failedCalls.add(call),
        UnaryOperator.identity());
  }

  /** What a deployment sends in one run: three domains, a service update, the step updates. */
  private static List<String> runADeployment(BackendReporter reporter) {
    List<String> domains = new ArrayList<>();
    reporter.reportStep("image_download", StepStatus.IN_PROGRESS, null);
    reporter.reportStep("image_download", StepStatus.COMPLETED, null);
    for (int port : new int[] {3000, 8080, 9090}) {
      reporter.askDomain("port " + port).ifPresent(domains::add);
    }
    reporter.updateService(new ServiceUpdate("svc_9", List.of(), "", "", ""));
    reporter.reportStep("deploy", StepStatus.IN_PROGRESS, null);
    reporter.reportStep("deploy", StepStatus.COMPLETED, null);
    reporter.reportStep("healthCheck", StepStatus.IN_PROGRESS, null);
    reporter.reportStep("healthCheck", StepStatus.FAILED, "deployment failed");
    reporter.close();
    return domains;
  }

  @Test
  void everythingArrivesInTheOrderItWasReported() {
    List<String> domains = runADeployment(reporterFor(backend.url()));

    assertThat(domains).containsExactly("app-1", "app-2", "app-3");
    assertThat(backend.steps())
        .containsExactly(
            "image_download:in_progress",
            "image_download:completed",
            "deploy:in_progress",
            "deploy:completed",
            "healthCheck:in_progress",
            "healthCheck:failed");
    assertThat(backend.stepUpdates().get(5).path("error").asText()).isEqualTo("deployment failed");
    assertThat(backend.calls())
        .filteredOn(c -> !c.contains("deployment-step"))
        .containsExactly(
            "GET /api/local/ask-domain",
            "GET /api/local/ask-domain",
            "GET /api/local/ask-domain",
            "PUT /api/local/service-update");
    assertThat(logs.messages(Level.WARN)).isEmpty();
  }

  @Test
  void everyTextABodyCarriesPassesThroughTheRunsMasker() {
    BackendReporter reporter =
        BackendReporter.start(
            new BackendConfig(
                URI.create(backend.url()),
                BackendDouble.TOKEN,
                BackendConfig.DEFAULT_CONNECT_TIMEOUT,
                BackendConfig.DEFAULT_CALL_TIMEOUT,
                Duration.ofSeconds(20)),
            "gdeployment_9",
            "app",
            "svc_9",
            Clock.systemUTC(),
            DeploymentBackend.FailureListener.NONE,
            text -> text.replace("nomad-token-77", "***").replace("registry-pw-88", "***"));

    reporter.reportStep(
        "deploy",
        StepStatus.FAILED,
        "Nomad 400: {\"auth\":{\"password\":\"registry-pw-88\"}} token nomad-token-77");
    reporter.updateService(
        new ServiceUpdate("svc_9", List.of(), "nomad-token-77", "run --pw registry-pw-88", "x"));
    reporter.close();

    assertThat(backend.stepUpdates().get(0).path("error").asText())
        .isEqualTo("Nomad 400: {\"auth\":{\"password\":\"***\"}} token ***");
    assertThat(backend.serviceUpdates().get(0).path("cmd").asText()).isEqualTo("run --pw ***");
    assertThat(backend.serviceUpdates().get(0).path("docker_user").asText()).isEqualTo("***");
  }

  @Test
  void aUrlTheHttpClientCannotUseFailsItsCallsAndNothingElse() throws Exception {
    BackendReporter reporter = reporterFor("http://127.0.0.1:99999");
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    List<Throwable> died = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> died.add(e));
    try {
      reporter.reportStep("deploy", StepStatus.IN_PROGRESS, null);
      assertThat(reporter.askDomain("port 8080")).isEmpty();
      reporter.reportStep("deploy", StepStatus.COMPLETED, null);
      reporter.close();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }

    assertThat(died).isEmpty();
    assertThat(reporter.failedCalls()).isEqualTo(3);
    assertThat(logs.messages(Level.WARN))
        .contains(
            "backend: deployment-step deploy/in_progress failed: PUT"
                + " /api/local/deployment-step/update: the backend URL cannot be used");
  }

  @Test
  void aServerErrorIsRetriedAndTheUpdateIsDeliveredOnce() {
    stubStepsInScenario(aResponse().withStatus(500), aResponse().withStatus(200));
    BackendReporter reporter = reporterFor(backend.url());

    reporter.reportStep("deploy", StepStatus.IN_PROGRESS, null);
    reporter.close();

    assertThat(backend.calls()).hasSize(2);
    assertThat(logs.messages(Level.WARN)).isEmpty();
  }

  @Test
  void tooManyRequestsIsRetried() {
    stubStepsInScenario(aResponse().withStatus(429), aResponse().withStatus(201));
    BackendReporter reporter = reporterFor(backend.url());

    reporter.reportStep("deploy", StepStatus.COMPLETED, null);
    reporter.close();

    assertThat(backend.calls()).hasSize(2);
    assertThat(logs.messages(Level.WARN)).isEmpty();
  }

  @Test
  void aResetConnectionIsRetried() {
    stubStepsInScenario(
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withStatus(200));
    BackendReporter reporter = reporterFor(backend.url());

    reporter.reportStep("deploy", StepStatus.COMPLETED, null);
    reporter.close();

    assertThat(backend.calls()).hasSize(2);
  }

  @Test
  void aValidationErrorIsNotRetriedAndIsOneWarning() {
    backend
        .server()
        .stubFor(
            put(urlPathEqualTo(BackendDouble.SERVICE_UPDATE))
                .willReturn(
                    aResponse()
                        .withStatus(422)
                        .withBody("network.0.type must be one of http, tcp, none")));
    BackendReporter reporter = reporterFor(backend.url());

    List<String> domains = runADeployment(reporter);

    assertThat(domains).hasSize(3);
    assertThat(backend.calls()).filteredOn(c -> c.contains("service-update")).hasSize(1);
    assertThat(backend.steps()).hasSize(6);
    assertThat(logs.messages(Level.WARN))
        .containsExactly(
            "backend: service-update failed: PUT /api/local/service-update: HTTP 422: "
                + "network.0.type must be one of http, tcp, none");
    assertThat(failedCalls).containsExactly("service-update");
  }

  @Test
  void aMalformedAskDomainAnswerLeavesThatPortWithoutADomainAndTheRunCarriesOn() {
    backend
        .server()
        .stubFor(
            get(urlPathEqualTo(BackendDouble.ASK_DOMAIN))
                .willReturn(aResponse().withStatus(200).withBody("not json")));

    List<String> domains = runADeployment(reporterFor(backend.url()));

    assertThat(domains).isEmpty();
    assertThat(backend.steps()).hasSize(6);
    assertThat(logs.messages(Level.WARN))
        .hasSize(3)
        .allMatch(m -> m.endsWith("answer is not JSON"))
        .first()
        .asString()
        .startsWith("backend: ask-domain (port 3000) failed");
  }

  /**
   * The budget (800 ms) covers one ask-domain's whole call limit (500 ms) and part of the next: the
   * third is no longer waited for, and closing does not wait for the queued updates. What that
   * costs in time is measured by {@code bench/backend-budget.sh}.
   */
  @Test
  void aBackendThatNeverAnswersCostsTheRunAtMostItsBudget() {
    backend
        .server()
        .stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(20_000)));
    BackendReporter reporter = tightReporterFor(backend.url());

    List<String> domains = runADeployment(reporter);

    assertThat(domains).isEmpty();
    assertThat(backend.server().findAll(getRequestedFor(urlPathEqualTo(BackendDouble.ASK_DOMAIN))))
        .as("ask-domain requests sent, of the three the run asked for")
        .hasSizeLessThan(3);
    assertThat(logs.messages(Level.WARN))
        .anyMatch(
            m -> m.matches("backend: \\d+ update\\(s\\) not sent: .* within the run's 800 ms"));
  }

  @Test
  void aBackendThatRefusesConnectionsCostsNearlyNothing() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    BackendReporter reporter = tightReporterFor("http://127.0.0.1:" + closedPort);

    runADeployment(reporter);

    // Refused calls fail at once and the reporter stops calling; what that costs is measured by
    // bench/backend-budget.sh.
    assertThat(reporter.failedCalls()).isLessThanOrEqualTo(3);
    assertThat(logs.messages(Level.WARN))
        .contains(
            "backend: unavailable after 2 failed calls; the rest of this run's updates are skipped")
        .anyMatch(
            m ->
                m.startsWith(
                    "backend: ask-domain (port 3000) failed: GET /api/local/ask-domain: connection refused"))
        .anyMatch(
            m ->
                m.matches("backend: \\d+ call\\(s\\) skipped because the backend was unavailable"));
  }

  @Test
  void afterTwoFailedCallsTheBackendIsLeftAloneHoweverMuchTheRunReports() {
    backend
        .server()
        .stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("boom")));
    BackendReporter reporter = reporterFor(backend.url());

    runADeployment(reporter);
    int callsForOneRun = backend.calls().size();
    backend.server().resetRequests();
    BackendReporter busier = reporterFor(backend.url());
    for (int i = 0; i < 20; i++) {
      busier.reportStep("build", StepStatus.IN_PROGRESS, null);
    }
    runADeployment(busier);

    // The step sender and a waiting ask-domain may fail at the same moment, so up to three
    // calls (each with its attempts) fail before the reporter stops calling.
    assertThat(callsForOneRun)
        .isBetween(2 * BackendReporter.ATTEMPTS, 3 * BackendReporter.ATTEMPTS);
    assertThat(backend.calls()).hasSizeLessThanOrEqualTo(3 * BackendReporter.ATTEMPTS);
    assertThat(logs.messages(Level.WARN))
        .anyMatch(
            m ->
                m.matches("backend: \\d+ call\\(s\\) skipped because the backend was unavailable"));
  }

  @Test
  void aRunStoppedByItsDeadlineStillDeliversItsLastUpdates() {
    BackendReporter reporter = reporterFor(backend.url());
    reporter.reportStep("healthCheck", StepStatus.IN_PROGRESS, null);
    reporter.reportStep("healthCheck", StepStatus.FAILED, "timed out after 3s");

    Thread.currentThread().interrupt();
    try {
      reporter.close();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }

    assertThat(backend.steps()).containsExactly("healthCheck:in_progress", "healthCheck:failed");
  }

  @Test
  void noBackendDoesNothingAndSaysSo() {
    DeploymentBackend none = DeploymentBackend.none();

    none.reportStep("deploy", StepStatus.COMPLETED, null);
    assertThat(none.askDomain("port 80")).isEmpty();
    none.close();

    assertThat(none.enabled()).isFalse();
    assertThat(backend.calls()).isEmpty();
  }

  private void stubStepsInScenario(
      ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    backend
        .server()
        .stubFor(
            put(urlPathEqualTo(BackendDouble.STEP_UPDATE))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(first)
                .willSetStateTo("recovered"));
    backend
        .server()
        .stubFor(
            put(urlPathEqualTo(BackendDouble.STEP_UPDATE))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(then));
  }
}
