package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadScenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NATS is best-effort: a server that cannot be reached, one that accepts connections and never
 * answers, and a real one without a stream for the subjects each leave the deployment and its exit
 * code as they are, say what was lost in one warning, and cost the run at most a couple of seconds
 * (bench/nats.sh measures how much).
 */
class NatsFaultsIT {

  /** What a fault may add to the run here; the bench holds the 2 s target on a quiet machine. */
  private static final Duration AT_MOST_ADDED = Duration.ofSeconds(3);

  private static final List<String> ALL_STEPS_OK =
      List.of(
          "image_download:in_progress",
          "image_download:completed",
          "deploy:in_progress",
          "deploy:completed",
          "healthCheck:in_progress",
          "healthCheck:completed");

  private static BackendDouble backend;

  @BeforeAll
  static void start() {
    backend = BackendDouble.start();
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private record Run(Console console, Duration took, List<String> steps) {
    List<String> natsWarnings() {
      return console.out().lines().filter(l -> l.contains("WARN") && l.contains("NATS")).toList();
    }
  }

  private static Run deploy(Map<String, String> natsEnv) {
    try (NomadDouble nomad =
        NomadDouble.start(NomadScenario.SUCCESSFUL).autoAdvance(Duration.ofMillis(50))) {
      backend.resetToHappyPath();
      ObjectNode params = Fixtures.json("params/deploy-image.json");
      params.put("imageName", SampleImage.pushed()).put("imageTag", SampleImage.TAG);
      params.put("nomadAddress", nomad.url());
      params.put("backendUrl", backend.url()).put("accessToken", BackendDouble.TOKEN);
      Map<String, String> env = new HashMap<>(natsEnv);
      env.put("NOMAD_META_TASK", "deploy-image");
      env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
      long started = System.nanoTime();
      Console console = Console.run(env, new ProductionAdapters());
      return new Run(console, Duration.ofNanos(System.nanoTime() - started), backend.steps());
    }
  }

  /** The same deployment without NATS, run just before, so both see the same machine load. */
  private static Duration baseline() {
    deploy(Map.of());
    return deploy(Map.of()).took();
  }

  private static void assertUnharmed(Run run, Duration baseline, String warning) {
    assertThat(run.console().code()).as(run.console().out()).isZero();
    assertThat(run.steps()).isEqualTo(ALL_STEPS_OK);
    assertThat(run.natsWarnings()).hasSize(1);
    assertThat(run.natsWarnings().get(0)).contains(warning);
    assertThat(run.console().out() + run.console().err())
        .doesNotContain(NatsStream.SEED)
        .doesNotContain("Exception");
    assertThat(run.took().minus(baseline)).isLessThan(AT_MOST_ADDED);
  }

  private static Map<String, String> natsAt(String url) {
    Map<String, String> env = NatsStream.env();
    env.put("NATS_SERVERS", url);
    return env;
  }

  @Test
  void anUnreachableServerChangesNothingButOneWarning() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Duration baseline = baseline();

    Run run = deploy(natsAt("nats://127.0.0.1:" + closed));

    assertUnharmed(run, baseline, "cannot connect to nats://127.0.0.1:" + closed);
  }

  @Test
  void aServerThatAcceptsAndNeverAnswersCostsAtMostTheFlushBudget() throws IOException {
    Duration baseline = baseline();
    try (ServerSocket hung = new ServerSocket(0)) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                while (!hung.isClosed()) {
                  try {
                    accepted.add(hung.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();

      Run run = deploy(natsAt("nats://127.0.0.1:" + hung.getLocalPort()));

      assertUnharmed(run, baseline, "did not complete the connection in time");
      assertThat(accepted).isNotEmpty();
    }
  }

  @Test
  void aSubjectNoStreamTakesIsNotAcknowledgedAndSaysSo() {
    Map<String, String> env = NatsStream.env();
    env.put("NATS_STREAM_PREFIX", "nostream-" + UUID.randomUUID().toString().substring(0, 8));
    Duration baseline = baseline();

    Run run = deploy(env);

    assertUnharmed(run, baseline, "no JetStream stream takes these subjects");
  }
}
