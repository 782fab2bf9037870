package io.dispatch.orchestrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.orchestrator.NatsStream.Msg;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.GitRepos;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadScenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Whole-process benchmarks of NATS publishing (not a test; run by bench/nats.sh): the real jar as a
 * subprocess, the backend and Nomad doubles in this process, the real nats-server of
 * scripts/test-services.sh.
 *
 * <pre>
 * NatsBenchmark JAR RUNS faults       deploy-image without NATS, with it, and with each NATS fault
 * NatsBenchmark JAR RUNS lines COUNT  deploy-repository whose build prints COUNT lines, without and
 *                                     with the live log; checks the lines arrived in order, no gap
 * </pre>
 */
public final class NatsBenchmark {

  private final Path jar;
  private final int runs;
  private final Path dir;

  private NatsBenchmark(Path jar, int runs) throws IOException {
    this.jar = jar;
    this.runs = runs;
    this.dir = Files.createTempDirectory("nats-bench");
  }

  public static void main(String[] args) throws Exception {
    NatsBenchmark b = new NatsBenchmark(Path.of(args[0]), Integer.parseInt(args[1]));
    switch (args[2]) {
      case "faults" -> b.faults();
      case "lines" -> b.lines(Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException(args[2]);
    }
    System.exit(0);
  }

  /** CPU seconds the last run used: the orchestrator process, and the nats-server. */
  private double lastCpu;

  private double lastServerCpu;

  /** Runs the jar once; returns its wall time in ms, and fails on a non-zero exit. */
  private double run(Map<String, String> env, Path out) throws Exception {
    Path timing = dir.resolve("time.txt");
    List<String> command =
        new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", timing.toString(), "java"));
    // BENCH_JVM_FLAGS: e.g. the shipped launch's flags, or a flight recording
    for (String flag : System.getenv().getOrDefault("BENCH_JVM_FLAGS", "").split("\\s+")) {
      if (!flag.isEmpty()) {
        command.add(flag);
      }
    }
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().putAll(env);
    double serverBefore = serverCpu();
    long start = System.nanoTime();
    Process p = pb.start();
    int exit = p.waitFor();
    double wall = (System.nanoTime() - start) / 1e6;
    if (exit != 0) {
      throw new IllegalStateException("run failed (" + exit + "): " + Files.readString(out));
    }
    String[] t = Files.readString(timing).strip().split("\\s+");
    lastCpu = Double.parseDouble(t[t.length - 2]) + Double.parseDouble(t[t.length - 1]);
    lastServerCpu = serverCpu() - serverBefore;
    return wall;
  }

  /** The test nats-server's CPU seconds so far (from /proc), or 0 when unknown. */
  private static double serverCpu() {
    try {
      Path services =
          Path.of(
              System.getenv()
                  .getOrDefault("DISPATCH_SERVICES_DIR", "/var/tmp/dispatch-test-services"));
      String pid = Files.readString(services.resolve("nats/pid")).strip();
      String[] stat = Files.readString(Path.of("/proc", pid, "stat")).split("\\) ")[1].split(" ");
      return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(d -> d).min().orElse(0);
  }

  /** One variant: its median and fastest run, and what each adds to the base's. */
  private static void row(String label, List<Double> walls, List<Double> base) {
    System.out.printf(
        "%-44s median %6.0f ms, fastest %6.0f ms   adds %+6.0f ms (median), %+6.0f ms (fastest)%n",
        label, median(walls), min(walls), median(walls) - median(base), min(walls) - min(base));
  }

  private Map<String, String> imageEnv(NomadDouble nomad, BackendDouble backend) {
    ObjectNode params = Fixtures.json("params/deploy-image.json");
    params
        .put("imageName", SampleImage.pushed())
        .put("imageTag", SampleImage.TAG)
        .put("nomadAddress", nomad.url())
        .put("backendUrl", backend.url())
        .put("accessToken", BackendDouble.TOKEN)
        .put("deploymentId", "bench_" + UUID.randomUUID().toString().substring(0, 8));
    Map<String, String> env = new HashMap<>();
    env.put("NOMAD_META_TASK", "deploy-image");
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    return env;
  }

  /** deploy-image with each NATS setting, the variants interleaved run by run. */
  private void faults() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (BackendDouble backend = BackendDouble.start();
        ServerSocket hung = acceptingAndSilent()) {
      Map<String, Map<String, String>> variants = new LinkedHashMap<>();
      variants.put("no NATS", Map.of());
      variants.put("NATS (real nats-server, stream present)", NatsStream.env());
      Map<String, String> unreachable = NatsStream.env();
      unreachable.put("NATS_SERVERS", "nats://127.0.0.1:" + closed);
      variants.put("unreachable NATS (closed port)", unreachable);
      Map<String, String> silent = NatsStream.env();
      silent.put("NATS_SERVERS", "nats://127.0.0.1:" + hung.getLocalPort());
      variants.put("hung NATS (accepts, never answers)", silent);
      Map<String, String> noStream = NatsStream.env();
      noStream.put("NATS_STREAM_PREFIX", "nostream-bench");
      variants.put("NATS without a stream (no ack)", noStream);
      Map<String, List<Double>> walls = new LinkedHashMap<>();
      variants.keySet().forEach(k -> walls.put(k, new ArrayList<>()));
      for (int i = 0; i < runs; i++) {
        for (var v : variants.entrySet()) {
          try (NomadDouble nomad =
              NomadDouble.start(NomadScenario.SUCCESSFUL).autoAdvance(Duration.ofMillis(1))) {
            Map<String, String> env = imageEnv(nomad, backend);
            env.putAll(v.getValue());
            walls.get(v.getKey()).add(run(env, dir.resolve("faults.log")));
          }
        }
      }
      List<Double> base = walls.get("no NATS");
      walls.forEach((label, w) -> row(label, w, base));
    }
  }

  private static ServerSocket acceptingAndSilent() throws IOException {
    ServerSocket server = new ServerSocket(0);
    List<Socket> accepted = new ArrayList<>();
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  accepted.add(server.accept());
                } catch (IOException e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return server;
  }

  /** deploy-repository whose build prints {@code count} lines, without and with the live log. */
  private void lines(int count) throws Exception {
    GitRepos repos = new GitRepos(Files.createDirectories(dir.resolve("git")));
    GitRepos.WorkTree tree = repos.workTree("chatty");
    Files.copy(Path.of(System.getenv("TEST_BUSYBOX")), tree.dir().resolve("busybox"));
    tree.commit(
        "prints " + count + " lines",
        Map.of(
            "Dockerfile",
            "FROM scratch\nCOPY busybox /bin/busybox\nARG RUN_ID\n"
                + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox seq 1 "
                + count
                + " | /bin/busybox sed 's/^/output line /'\"]\n"
                + "EXPOSE 8080\nCMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"8080\"]\n"));
    String repository = "file://" + repos.bare(tree, dir.resolve("git"), "chatty");
    List<Double> without = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    List<Double> cpuWithout = new ArrayList<>();
    List<Double> cpuWith = new ArrayList<>();
    List<Double> serverWith = new ArrayList<>();
    try (BackendDouble backend = BackendDouble.start();
        NatsStream nats = NatsStream.connect()) {
      for (int i = 0; i < runs; i++) {
        // alternate which of the pair goes first, so that neither always follows the other
        for (boolean streaming :
            i % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
          if (streaming) {
            with.add(repository(repository, backend, NatsStream.env(), nats, count));
            cpuWith.add(lastCpu);
            serverWith.add(lastServerCpu);
          } else {
            without.add(repository(repository, backend, Map.of(), null, count));
            cpuWithout.add(lastCpu);
          }
        }
      }
    }
    row("build printing " + count + " lines, no NATS", without, without);
    row("build printing " + count + " lines, live log on NATS", with, without);
    // each pair ran back to back, under the same load: the median of the pairs' differences
    List<Double> pairs = new ArrayList<>();
    for (int i = 0; i < with.size(); i++) {
      pairs.add(with.get(i) / without.get(i) - 1);
    }
    System.out.printf(
        "live log costs %+.1f%% of the run (medians), %+.1f%% (fastest runs), %+.1f%% (median of"
            + " back-to-back pairs)%n",
        (median(with) / median(without) - 1) * 100,
        (min(with) / min(without) - 1) * 100,
        median(pairs) * 100);
    System.out.printf(
        "CPU of the orchestrator: median %.2f s without, %.2f s with; nats-server %.2f s%n",
        median(cpuWithout), median(cpuWith), median(serverWith));
  }

  private double repository(
      String repository,
      BackendDouble backend,
      Map<String, String> natsEnv,
      NatsStream nats,
      int count)
      throws Exception {
    try (NomadDouble nomad =
        NomadDouble.start(NomadScenario.SUCCESSFUL).autoAdvance(Duration.ofMillis(1))) {
      String deploymentId = "bench_" + UUID.randomUUID().toString().substring(0, 8);
      ObjectNode params = Fixtures.json("params/deploy-repository.json");
      params.remove("gitPass");
      params.remove("networks");
      params.put("repository", repository).put("branch", "main");
      params.put("imageName", System.getenv("TEST_REGISTRY") + "/bench/chatty");
      params.put("deploymentId", deploymentId);
      params
          .put("nomadAddress", nomad.url())
          .put("backendUrl", backend.url())
          .put("accessToken", BackendDouble.TOKEN);
      // a new build argument every run: the engine builds again and prints every line again
      ((ObjectNode) params.get("build")).putObject("buildArgs").put("RUN_ID", deploymentId);
      Map<String, String> env = new HashMap<>(natsEnv);
      env.put("NOMAD_META_TASK", "deploy-repository");
      env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
      env.put("DOCKER_HOST", System.getenv("DOCKER_HOST"));
      env.put("DISPATCH_ALLOW_FILE_REPOSITORIES", "1");
      env.put("DISPATCH_WORK_DIR", Files.createDirectories(dir.resolve("work")).toString());
      Instant started = Instant.now().minusSeconds(1);
      double wall =
          run(env, dir.resolve((nats == null ? "without-" : "with-") + deploymentId + ".log"));
      if (nats != null) {
        check(nats, started, deploymentId, count);
      }
      return wall;
    }
  }

  /** The build's lines arrived, in order, and no sequence number is missing. */
  private static void check(NatsStream nats, Instant since, String deploymentId, int count)
      throws Exception {
    List<Msg> lines =
        nats.read(
            since,
            m -> m.subject().equals("build.log." + deploymentId),
            m -> false,
            Duration.ofSeconds(5));
    long expectedSequence = 1;
    int nextOutput = 1;
    for (Msg m : lines.stream().filter(m -> m.text("logOutput").equals("stdout")).toList()) {
      long sequence = m.body().get("sequence").asLong();
      if (sequence != expectedSequence) {
        throw new IllegalStateException(
            "stdout sequence " + sequence + " after " + (expectedSequence - 1));
      }
      expectedSequence++;
      String content = m.text("content");
      if (content.startsWith("  │ output line ")) {
        int n = Integer.parseInt(content.substring(16).strip());
        if (n != nextOutput) {
          throw new IllegalStateException(
              "output line " + n + " arrived where " + nextOutput + " was due");
        }
        nextOutput++;
      }
    }
    if (nextOutput != count + 1) {
      throw new IllegalStateException((nextOutput - 1) + " of " + count + " output lines arrived");
    }
    System.out.printf(
        "  %s: %d messages, the %d output lines in order, sequences 1..%d without a gap%n",
        deploymentId, lines.size(), count, expectedSequence - 1);
  }
}
