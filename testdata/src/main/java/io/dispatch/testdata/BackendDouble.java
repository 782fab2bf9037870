package io.dispatch.testdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend's local API as a WireMock server on loopback: {@code ask-domain} hands out {@code
 * app-1}, {@code app-2}, … and the two {@code PUT}s answer 200. Tests override stubs through {@link
 * #server()} to make faults.
 */
public final class BackendDouble implements AutoCloseable {

  /** The access token the double expects. A test value, not a secret. */
  public static final String TOKEN = "backend-test-token-7Qx2";

  public static final String ASK_DOMAIN = "/api/local/ask-domain";
  public static final String SERVICE_UPDATE = "/api/local/service-update";
  public static final String STEP_UPDATE = "/api/local/deployment-step/update";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;
  private final SequentialDomains domains;

  private BackendDouble(WireMockServer server, SequentialDomains domains) {
    this.server = server;
    this.domains = domains;
  }

  /** Starts the double on a free loopback port with the happy-path stubs. */
  public static BackendDouble start() {
    SequentialDomains domains = new SequentialDomains();
    WireMockServer server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(20)
                .extensions(domains));
    server.start();
    BackendDouble backend = new BackendDouble(server, domains);
    backend.resetToHappyPath();
    return backend;
  }

  /** Removes every stub and recorded request, then installs the happy-path stubs again. */
  public void resetToHappyPath() {
    server.resetAll();
    domains.next.set(0);
    server.stubFor(
        get(urlPathEqualTo(ASK_DOMAIN))
            .willReturn(aResponse().withTransformers(SequentialDomains.NAME)));
    server.stubFor(
        put(urlPathEqualTo(SERVICE_UPDATE)).willReturn(okJson("{\"message\":\"updated!\"}")));
    server.stubFor(put(urlPathEqualTo(STEP_UPDATE)).willReturn(okJson("{\"success\":true}")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  public WireMockServer server() {
    return server;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Bodies of the deployment-step updates received, in the order they arrived. */
  public List<JsonNode> stepUpdates() {
    return bodies(STEP_UPDATE);
  }

  /** The step updates as {@code step:status} strings, in order, e.g. {@code deploy:completed}. */
  public List<String> steps() {
    return stepUpdates().stream()
        .map(b -> b.path("step").asText() + ":" + b.path("status").asText())
        .toList();
  }

  /** Bodies of the service-update calls received, in order. */
  public List<JsonNode> serviceUpdates() {
    return bodies(SERVICE_UPDATE);
  }

  /** Every request received, as {@code METHOD path}, in order. */
  public List<String> calls() {
    return events().stream()
        .map(e -> e.getRequest().getMethod().getName() + " " + path(e.getRequest().getUrl()))
        .toList();
  }

  private List<JsonNode> bodies(String path) {
    return events().stream()
        .filter(e -> path(e.getRequest().getUrl()).equals(path))
        .map(e -> parse(e.getRequest().getBodyAsString()))
        .toList();
  }

  private List<ServeEvent> events() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    return events;
  }

  private static String path(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Answers each ask-domain with the next of {@code app-1}, {@code app-2}, … */
  static final class SequentialDomains implements ResponseDefinitionTransformerV2 {
    static final String NAME = "sequential-domains";
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"domain\":\"app-" + next.incrementAndGet() + "\"}")
          .build();
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}
