package io.dispatch.orchestrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadScenario;
import io.dispatch.testdata.OtlpSink;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Whole-process benchmarks of deploy-image on loopback (not a test; run by the scripts in bench/):
 * the real jar as a subprocess under {@code /usr/bin/time}, the backend and Nomad doubles in this
 * process, the sample image in the local registry.
 *
 * <pre>
 * DeployBenchmark JAR RUNS launch L=SPEC… per JVM launch: floor, dry run, deploy-image
 * DeployBenchmark JAR RUNS reaction   deployment turned successful → process exited
 * DeployBenchmark JAR RUNS backend    time added by a healthy, hung, refusing or absent backend
 * DeployBenchmark JAR RUNS tracing    time added by TRACE_FILE and the OTLP export
 * DeployBenchmark JAR RUNS build REPO peak RSS of deploy-repository of a large repository
 * </pre>
 */
public final class DeployBenchmark {

  /**
   * How long each step of the Nomad double's rollout takes ({@code BENCH_STEP_MS}, default 1): 1 ms
   * is a double answering at once; a real rollout takes at least its min_healthy_time (10 s).
   */
  private static final Duration STEP =
      Duration.ofMillis(Long.parseLong(System.getenv().getOrDefault("BENCH_STEP_MS", "1")));

  private final Path jar;
  private final int runs;
  private final String image = SampleImage.pushed();
  private final Path dir;

  private DeployBenchmark(Path jar, int runs) throws IOException {
    this.jar = jar;
    this.runs = runs;
    this.dir = Files.createTempDirectory("deploy-bench");
  }

  public static void main(String[] args) throws Exception {
    DeployBenchmark b = new DeployBenchmark(Path.of(args[0]), Integer.parseInt(args[1]));
    try {
      switch (args[2]) {
        case "launch" -> b.launch(Arrays.copyOfRange(args, 3, args.length));
        case "reaction" -> b.reaction();
        case "backend" -> b.backend();
        case "tracing" -> b.tracing(Arrays.copyOfRange(args, 3, args.length));
        case "build" -> b.build(Path.of(args[3]));
        default -> throw new IllegalArgumentException(args[2]);
      }
    } finally {
      try (Stream<Path> files = Files.walk(b.dir)) { // archives and logs: tens of MB per run
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    System.exit(0);
  }

  /** One measured run: wall seconds and peak RSS in MB, from /usr/bin/time. */
  record Measure(double wallMs, double rssMb, int exit) {}

  private Measure run(Launch launch, Map<String, String> env, Path out) throws Exception {
    return run(launch, List.of("-jar", launch.jar().toString()), env, out);
  }

  /** {@code launch}'s JVM with its flags, then {@code tail} (the jar, or {@code -version}). */
  private Measure run(Launch launch, List<String> tail, Map<String, String> env, Path out)
      throws Exception {
    Path timing = dir.resolve("time.txt");
    List<String> command =
        new ArrayList<>(
            List.of("/usr/bin/time", "-f", "%e %M", "-o", timing.toString(), launch.java()));
    command.addAll(launch.flags());
    command.addAll(tail);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    p.waitFor();
    double wall = (System.nanoTime() - start) / 1e6;
    String[] t = Files.readString(timing).strip().split("\\s+");
    return new Measure(wall, Double.parseDouble(t[t.length - 1]) / 1024, p.exitValue());
  }

  private Map<String, String> env(NomadDouble nomad, String backendUrl) {
    ObjectNode params = Fixtures.json("params/deploy-image.json");
    params
        .put("imageName", image)
        .put("imageTag", SampleImage.TAG)
        .put("nomadAddress", nomad.url());
    Map<String, String> env = new HashMap<>();
    env.put("NOMAD_META_TASK", "deploy-image");
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    if (backendUrl != null) {
      env.put("BACKEND_URL", backendUrl);
      env.put("ACCESS_TOKEN", BackendDouble.TOKEN);
    }
    return env;
  }

  private List<Measure> repeat(Launch launch, Map<String, String> extra, String backendUrl)
      throws Exception {
    List<Measure> all = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      all.add(deploy(launch, extra, backendUrl));
    }
    return all;
  }

  /** One deploy-image on a Nomad double that answers at once (a dry run with DRY_RUN=1). */
  private Measure deploy(Launch launch, Map<String, String> extra, String backendUrl)
      throws Exception {
    try (NomadDouble nomad = NomadDouble.start(NomadScenario.SUCCESSFUL).autoAdvance(STEP)) {
      Map<String, String> env = env(nomad, backendUrl);
      env.putAll(extra);
      Path out = dir.resolve("out.log");
      Measure m = run(launch, env, out);
      if (m.exit() != 0) {
        throw new IllegalStateException("run failed: " + Files.readString(out));
      }
      return m;
    }
  }

  /** A training run for {@link Launch}: one deploy-image, without a backend. */
  private void train(Launch launch) throws Exception {
    deploy(launch, Map.of(), null);
  }

  private Launch launchOf(String spec) throws Exception {
    return Launch.of(spec, jar, dir, this::train);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static void row(String label, List<Measure> ms) {
    System.out.printf(
        "%-44s wall median %6.0f ms (min %6.0f)   peak RSS median %5.0f MB (max %5.0f)%n",
        label,
        median(ms.stream().map(Measure::wallMs).toList()),
        ms.stream().mapToDouble(Measure::wallMs).min().orElse(0),
        median(ms.stream().map(Measure::rssMb).toList()),
        ms.stream().mapToDouble(Measure::rssMb).max().orElse(0));
  }

  /**
   * Each argument is {@code label=spec}, a {@link Launch} spec. For each, in turn and {@code runs}
   * times: the JVM's floor ({@code -version} with the same flags), a dry-run deploy-image, and a
   * deploy-image on a Nomad double answering at once. Medians are printed side by side.
   */
  private void launch(String[] variants) throws Exception {
    Map<String, Launch> launches = new LinkedHashMap<>();
    for (String variant : variants) {
      int eq = variant.indexOf('=');
      launches.put(variant.substring(0, eq), launchOf(variant.substring(eq + 1)));
    }
    Map<String, List<List<Measure>>> measured = new LinkedHashMap<>();
    launches
        .keySet()
        .forEach(
            l -> measured.put(l, List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>())));
    try (BackendDouble backend = BackendDouble.start()) {
      for (int i = 0; i < runs; i++) {
        for (Map.Entry<String, Launch> e : launches.entrySet()) {
          List<List<Measure>> m = measured.get(e.getKey());
          m.get(0).add(run(e.getValue(), List.of("-version"), Map.of(), dir.resolve("floor.log")));
          m.get(1).add(deploy(e.getValue(), Map.of("DRY_RUN", "1"), backend.url()));
          m.get(2).add(deploy(e.getValue(), Map.of(), backend.url()));
        }
      }
    }
    System.out.printf(
        "%-46s %-16s %-16s %-16s%n",
        "launch (medians of " + runs + ")", "java -version", "dry run", "deploy-image");
    measured.forEach(
        (label, m) ->
            System.out.printf(
                "%-46s %-16s %-16s %-16s%n",
                label, cell(m.get(0)), cell(m.get(1)), cell(m.get(2))));
    launches.forEach(
        (label, l) ->
            System.out.println("  " + label + ": " + l.java() + " " + String.join(" ", l.flags())));
  }

  private static String cell(List<Measure> ms) {
    return String.format(
        "%4.0f ms %3.0f MB",
        median(ms.stream().map(Measure::wallMs).toList()),
        median(ms.stream().map(Measure::rssMb).toList()));
  }

  private void reaction() throws Exception {
    List<Double> reactions = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      try (NomadDouble nomad = NomadDouble.start(NomadScenario.SUCCESSFUL)) {
        ProcessBuilder pb =
            new ProcessBuilder("java", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("reaction.log").toFile());
        pb.environment().putAll(env(nomad, null));
        Process p = pb.start();
        await(nomad, NomadEndpoint.EVALUATION, p);
        nomad.advance();
        await(nomad, NomadEndpoint.DEPLOYMENT, p);
        Instant successful = nomad.advance();
        p.waitFor(30, TimeUnit.SECONDS);
        Instant exited = Instant.now();
        reactions.add(Duration.between(successful, exited).toNanos() / 1e6);
      }
    }
    System.out.printf(
        "deployment successful → process exited: median %.0f ms, min %.0f ms, max %.0f ms (%d runs)%n",
        median(reactions),
        reactions.stream().mapToDouble(d -> d).min().orElse(0),
        reactions.stream().mapToDouble(d -> d).max().orElse(0),
        reactions.size());
  }

  private static void await(NomadDouble nomad, NomadEndpoint endpoint, Process p) {
    if (!nomad.awaitHeld(endpoint, Duration.ofSeconds(30)) || !p.isAlive()) {
      throw new IllegalStateException("the run never waited on " + endpoint);
    }
  }

  private void backend() throws Exception {
    Map<String, List<Measure>> rows = new LinkedHashMap<>();
    Launch plain = new Launch("java", List.of(), jar);
    rows.put("no backend", repeat(plain, Map.of(), null));
    try (BackendDouble healthy = BackendDouble.start()) {
      rows.put("healthy backend (WireMock)", repeat(plain, Map.of(), healthy.url()));
    }
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
      rows.put(
          "hung backend (accepts, never answers)",
          repeat(plain, Map.of(), "http://127.0.0.1:" + hung.getLocalPort()));
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    rows.put(
        "refusing backend (closed port)", repeat(plain, Map.of(), "http://127.0.0.1:" + closed));
    double base = median(rows.get("no backend").stream().map(Measure::wallMs).toList());
    rows.forEach(
        (label, ms) -> {
          row(label, ms);
          System.out.printf(
              "%-44s adds %+6.0f ms to the run%n",
              "", median(ms.stream().map(Measure::wallMs).toList()) - base);
        });
  }

  /** Each argument is a JVM launch variant, as for {@code launch}. */
  private void tracing(String[] variants) throws Exception {
    try (OtlpSink otlp = OtlpSink.start()) {
      for (String variant : variants) {
        Launch flags = launchOf(variant);
        System.out.println(variant.isBlank() ? "(default JVM flags)" : variant);
        Map<String, List<Measure>> rows = new LinkedHashMap<>();
        rows.put("  tree in the log only", repeat(flags, Map.of(), null));
        rows.put(
            "  + TRACE_FILE",
            repeat(flags, Map.of("TRACE_FILE", dir.resolve("trace.json").toString()), null));
        rows.put(
            "  + OTLP export",
            repeat(flags, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint()), null));
        double base =
            median(rows.get("  tree in the log only").stream().map(Measure::wallMs).toList());
        rows.forEach(
            (label, ms) -> {
              row(label, ms);
              System.out.printf(
                  "%-44s adds %+6.0f ms to the run%n",
                  "", median(ms.stream().map(Measure::wallMs).toList()) - base);
            });
      }
    }
  }

  /** deploy-repository of {@code repository} (a bare git repository), with its peak RSS. */
  private void build(Path repository) throws Exception {
    List<Measure> all = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      try (BackendDouble backend = BackendDouble.start();
          NomadDouble nomad = NomadDouble.start(NomadScenario.SUCCESSFUL).autoAdvance(STEP)) {
        ObjectNode params = Fixtures.json("params/deploy-repository.json");
        params.remove("gitPass");
        params.remove("networks");
        params.put("repository", "file://" + repository).put("branch", "main");
        params.put("imageName", System.getenv("TEST_REGISTRY") + "/bench/large-context");
        params
            .put("nomadAddress", nomad.url())
            .put("backendUrl", backend.url())
            .put("accessToken", BackendDouble.TOKEN);
        Map<String, String> env = new HashMap<>();
        env.put("NOMAD_META_TASK", "deploy-repository");
        env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
        env.put("DISPATCH_ALLOW_FILE_REPOSITORIES", "1");
        env.put("DOCKER_HOST", System.getenv("DOCKER_HOST"));
        env.put("DISPATCH_WORK_DIR", dir.toString());
        Path out = dir.resolve("build-" + i + ".log");
        Launch launch = launchOf(System.getenv().getOrDefault("BENCH_JVM_FLAGS", ""));
        Measure m = run(launch, env, out);
        if (m.exit() != 0) {
          throw new IllegalStateException("run failed: " + Files.readString(out));
        }
        all.add(m);
      }
    }
    row(
        "deploy-repository of "
            + repository.getFileName()
            + " "
            + System.getenv().getOrDefault("BENCH_JVM_FLAGS", ""),
        all);
  }
}
