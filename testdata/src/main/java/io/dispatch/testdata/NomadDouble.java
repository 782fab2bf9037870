package io.dispatch.testdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Nomad's HTTP API as a WireMock server on loopback, playing one {@link NomadScenario} in Nomad's
 * real wire format. It honours blocking queries (a read whose {@code index} is at least the
 * object's is held until the object changes or {@code wait} runs out), sends {@code X-Nomad-Index},
 * {@code X-Nomad-KnownLeader} and {@code X-Nomad-LastContact} with every 200 and Nomad's plain-text
 * messages with errors, accepts PUT and POST on writes, repeated {@code namespace} parameters and
 * job IDs with '/' (escaped or not).
 *
 * <p>The scenario moves on when the test says so ({@link #advance()}), or by itself every {@link
 * #autoAdvance(Duration) interval} after a register, so that a test can tell when Nomad changed its
 * mind and how long the client took to notice.
 */
public final class NomadDouble implements AutoCloseable {

  private final WireMockServer server;
  private final NomadState state = new NomadState();
  private final NomadFaults faults = new NomadFaults();
  private final List<NomadRequest> journal = new ArrayList<>();
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "nomad-double-timeline");
            t.setDaemon(true);
            return t;
          });
  private volatile NomadTimeline timeline;
  private volatile Duration autoAdvance;
  private ScheduledFuture<?> ticking;

  private NomadDouble(WireMockConfiguration config, NomadScenario scenario) {
    this.server = new WireMockServer(config.extensions(new NomadHandler(this)));
    server.start();
    server.stubFor(
        any(urlMatching("/.*")).willReturn(aResponse().withTransformers(NomadHandler.NAME)));
    scenario(scenario);
  }

  /** A double playing {@link NomadScenario#SUCCESSFUL} on a free loopback port. */
  public static NomadDouble start() {
    return start(NomadScenario.SUCCESSFUL);
  }

  public static NomadDouble start(NomadScenario scenario) {
    return new NomadDouble(config().dynamicPort(), scenario);
  }

  /** A double on a given port, e.g. one a client has been failing to reach. */
  public static NomadDouble startOn(int port, NomadScenario scenario) {
    return new NomadDouble(config().port(port), scenario);
  }

  /**
   * A double that also answers HTTPS, with the key and certificate in the PKCS12 {@code keystore}
   * (e.g. one a test made with keytool, with Nomad's SAN {@code server.global.nomad}).
   */
  public static NomadDouble startTls(Path keystore, String password, NomadScenario scenario) {
    return new NomadDouble(
        config()
            .dynamicPort()
            .dynamicHttpsPort()
            .keystoreType("PKCS12")
            .keystorePath(keystore.toString())
            .keystorePassword(password)
            .keyManagerPassword(password),
        scenario);
  }

  private static WireMockConfiguration config() {
    return options()
        .bindAddress("127.0.0.1")
        .containerThreads(40)
        .asynchronousResponseEnabled(false);
  }

  /** Forgets everything (objects, faults, requests, auto-advance) and plays {@code scenario}. */
  public synchronized NomadDouble scenario(NomadScenario scenario) {
    stopTicking();
    autoAdvance = null;
    state.clear();
    faults.clear();
    synchronized (journal) {
      journal.clear();
    }
    server.resetRequests();
    timeline = new NomadTimeline(state, scenario);
    scenario.faults(this);
    return this;
  }

  /** After each register, applies the scenario's steps one by one, {@code every} apart. */
  public NomadDouble autoAdvance(Duration every) {
    this.autoAdvance = every;
    return this;
  }

  /**
   * Applies the scenario's next step and returns when it was applied: the instant Nomad "changed
   * its mind". Held blocking queries on the changed objects are answered at once.
   *
   * @throws IllegalStateException when the scenario has no step left
   */
  public Instant advance() {
    if (!timeline.advance()) {
      throw new IllegalStateException("the scenario has no step left");
    }
    return Instant.now();
  }

  /** Steps not yet applied. */
  public int stepsLeft() {
    return timeline.stepsLeft();
  }

  /**
   * Waits until a blocking query to {@code endpoint} is being held; false after {@code timeout}.
   */
  public boolean awaitHeld(NomadEndpoint endpoint, Duration timeout) {
    try {
      return state.awaitHeld(endpoint, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Whether a blocking query to {@code endpoint} is being held right now: a client that returns
   * while this is true did not wait for Nomad's answer.
   */
  public boolean isHeld(NomadEndpoint endpoint) {
    return state.isHeld(endpoint);
  }

  /** A job that already runs (for destroy): {@code job-read.json} under {@code jobId}. */
  public NomadDouble givenJob(String jobId) {
    ObjectNode job = (ObjectNode) NomadFixtures.read("job-read.json");
    job.put("ID", jobId);
    job.put("Name", jobId);
    state.put("job", job, job.get("ModifyIndex").asLong());
    return this;
  }

  /**
   * The next {@code times} requests to {@code endpoint} answer {@code status} with {@code message}.
   */
  public NomadDouble failNext(NomadEndpoint endpoint, int times, int status, String message) {
    faults.addNext(endpoint, times, new NomadFaults.Fault(status, message));
    return this;
  }

  /** Every request to {@code endpoint} answers {@code status} with {@code message}. */
  public NomadDouble failAlways(NomadEndpoint endpoint, int status, String message) {
    faults.setAlways(endpoint, new NomadFaults.Fault(status, message));
    return this;
  }

  /** The next {@code times} requests to {@code endpoint} get their connection reset. */
  public NomadDouble resetNext(NomadEndpoint endpoint, int times) {
    faults.addNext(endpoint, times, NomadFaults.Fault.reset());
    return this;
  }

  /** The body of the last register request, or null. */
  public JsonNode lastRegisterBody() {
    List<NomadRequest> registers = requests(NomadEndpoint.REGISTER);
    if (registers.isEmpty()) {
      return null;
    }
    try {
      return NomadFixtures.JSON.readTree(registers.get(registers.size() - 1).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code Job} of the last register request, or null. */
  public JsonNode lastRegisteredJob() {
    JsonNode body = lastRegisterBody();
    return body == null ? null : body.get("Job");
  }

  /** The {@code X-Nomad-Token} of the last request, or empty. */
  public String lastToken() {
    List<NomadRequest> all = requests();
    return all.isEmpty() ? "" : all.get(all.size() - 1).token();
  }

  /** Every request received, in order. */
  public List<NomadRequest> requests() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  public List<NomadRequest> requests(NomadEndpoint endpoint) {
    return requests().stream().filter(r -> r.endpoint() == endpoint).toList();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The HTTPS base URL of a {@link #startTls} double, e.g. {@code https://127.0.0.1:41235}. */
  public String httpsUrl() {
    return "https://127.0.0.1:" + server.httpsPort();
  }

  public int port() {
    return server.port();
  }

  /** The WireMock server, for {@code verify} with WireMock's matchers. */
  public WireMockServer server() {
    return server;
  }

  @Override
  public void close() {
    stopTicking();
    clock.shutdownNow();
    state.close();
    server.stop();
  }

  // ---- for NomadHandler

  NomadState state() {
    return state;
  }

  NomadFaults faults() {
    return faults;
  }

  void record(NomadRequest request) {
    synchronized (journal) {
      journal.add(request);
    }
  }

  /** A register arrived: the timeline stores the job and, with auto-advance, starts ticking. */
  synchronized ObjectNode registered(ObjectNode job) {
    ObjectNode response = timeline.register(job);
    Duration every = autoAdvance;
    if (every != null && ticking == null) {
      NomadTimeline playing = timeline;
      ticking =
          clock.scheduleAtFixedRate(
              playing::advance, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
    return response;
  }

  private void stopTicking() {
    if (ticking != null) {
      ticking.cancel(false);
      ticking = null;
    }
  }
}
