package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.run.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The program: reads its arguments and environment, runs one task and returns the exit code. {@link
 * #run} is what {@link Main} and the tests call; only {@link Main} exits.
 *
 * <p>Exit codes: 0 deployed (or all jobs destroyed), 1 a step failed, 2 bad input, 4 the {@code
 * DISPATCH_TIMEOUT} deadline passed, 143 stopped by SIGTERM/SIGINT.
 */
public final class Orchestrator {

  static final int BAD_INPUT = 2;
  private static final Duration SIGNAL_GRACE = Duration.ofMillis(4500);

  private final Clock clock;
  private final AdapterFactory adapters;
  private final boolean handleSignals;

  Orchestrator(Clock clock, AdapterFactory adapters, boolean handleSignals) {
    this.clock = clock;
    this.adapters = adapters;
    this.handleSignals = handleSignals;
  }

  /** The orchestrator with the real adapters, stopping cleanly on SIGTERM and SIGINT. */
  public static Orchestrator production() {
    return new Orchestrator(Clock.systemUTC(), new ProductionAdapters(), true);
  }

  public int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of(args));
    boolean dryRun = words.remove("--dry-run");
    String command = words.isEmpty() ? "dispatch" : words.get(0);
    if (words.size() > 1
        || !command.matches("dispatch|--help|-h|help|--version|-V|version")
        || (dryRun && !command.equals("dispatch"))) {
      err.println("unknown arguments '" + Checks.quote(String.join(" ", args)) + "' (see --help)");
      return BAD_INPUT;
    }
    if (command.matches("--help|-h|help")) {
      out.print(usage());
      return 0;
    }
    if (command.matches("--version|-V|version")) {
      out.println("dispatch-orchestrator " + version());
      return 0;
    }
    SecretMasker masker = new SecretMasker();
    StrayFailures.installHandler();
    Set<String> secrets = new LinkedHashSet<>();
    Inputs inputs;
    boolean json;
    try {
      json = Logging.configure(env, out, masker);
      inputs = Inputs.decode(env, dryRun, secrets);
    } catch (BadInputException e) {
      return badInput(e.getMessage(), env, dryRun, secrets, masker, err);
    } catch (RuntimeException e) {
      // A value that the checks missed: still bad input, still one line.
      return badInput(
          ParamsText.VARIABLE + ": cannot be decoded (" + e.getClass().getSimpleName() + ")",
          env,
          dryRun,
          secrets,
          masker,
          err);
    }
    masker.add(inputs.secrets());
    OtlpExport otlp =
        inputs.trace().otlpEndpoint().isEmpty()
            ? null
            : OtlpExport.prepare(
                inputs.trace().otlpEndpoint(), inputs.trace().otlpHeaders(), masker);
    RunHandle handle = new RunHandle();
    if (handleSignals) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> onSignal(handle), "dispatch-shutdown"));
    }
    try {
      TaskRun.Report report = new TaskRun(inputs, clock, adapters, handle, masker).execute();
      Outcome outcome = report.outcome();
      StrayFailures.contain(
          "the dry run's summary",
          () -> report.dryRun().ifPresent(d -> d.print(out, masker, json)));
      StrayFailures.contain(
          "the trace", () -> TraceOutput.emit(report.trace(), inputs.trace(), json, out, masker));
      if (otlp != null) {
        StrayFailures.contain("the OTLP export", () -> otlp.export(report.trace()));
      }
      if (!outcome.succeeded()) {
        err.println(masker.mask(outcome.headline()));
      }
      return outcome.exitCode();
    } finally {
      handle.finished();
    }
  }

  /**
   * Bad input: the one line on stderr, masked with every secret met so far; and, when the input
   * still names a deployment and a backend, the same line as the first step's failure.
   */
  private int badInput(
      String line,
      Map<String, String> env,
      boolean dryRun,
      Set<String> secrets,
      SecretMasker masker,
      PrintStream err) {
    masker.add(secrets);
    String masked = masker.mask(line);
    err.println(masked);
    err.flush();
    if (!dryRun) {
      StrayFailures.contain(
          "the bad-input report", () -> BadInputReport.send(env, masked, clock, masker));
    }
    return BAD_INPUT;
  }

  private static void onSignal(RunHandle handle) {
    if (!handle.isFinished()) {
      handle.stop(SIGNAL_GRACE);
    }
  }

  static String version() {
    try (InputStream in = Orchestrator.class.getResourceAsStream("/dispatch-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String usage() {
    return """
        Usage: java -jar orchestrator.jar [dispatch] [--dry-run] | --help | --version

        Runs one task, as a Nomad parameterized job would: the task and its parameters come from
        the environment.

          NOMAD_META_TASK      deploy-repository | redeploy-repository | deploy-image | destroy-job-pack
          NOMAD_META_PARAMS    the task's JSON parameters, base64 (or plain JSON starting with '{')
          BACKEND_URL, ACCESS_TOKEN          platform backend, unless given in the parameters
          NOMAD_ADDR, NOMAD_TOKEN, NOMAD_REGION, NOMAD_NAMESPACE, NOMAD_CACERT
          DOCKER_HOST          Docker-compatible API (default unix:///var/run/docker.sock)
          REGISTRY_URL, REGISTRY_USERNAME, REGISTRY_PASSWORD, INSECURE_REGISTRIES
          SERVICE_PROVIDER     nomad (default) | consul
          CLUSTER_DOMAIN       suffix of bare domain labels without a clusterDomain parameter
          NOMAD_NODE_POOL      node pool without a node_pool parameter (default: Nomad's own)
          NOMAD_GPU_NODE_POOL, NOMAD_GPU_DEVICE   GPU jobs (default gpu-minions, letmutx/gpu)
          VAULT_KV_MOUNT       KV v2 mount of the services' secrets (default kv)
          VAULT_REGISTRY_SECRET, VAULT_REGISTRY_POLICY   the platform registry's credentials in
                               Vault (default acr/data/registry, acr; empty secret: not used)
          NOMAD_VAULT_ROLE     a workload-identity role instead of Vault policies
          DISPATCH_TIMEOUT     deadline for the whole task, e.g. 90s, 15m (default), 1h
          LOG_FORMAT           text (default) | json;   LOG_LEVEL  info (default) | debug | warn
          TRACE_FILE, OTEL_EXPORTER_OTLP_ENDPOINT, TRACEPARENT   where the run's trace goes
          NATS_SERVERS, NATS_CLIENT_PRIVATE_KEY   NATS servers and NKey user seed: publish events
                               and the live log on JetStream (both needed); NATS_STREAM_PREFIX
                               prefixes the subjects
          DRY_RUN=1 or --dry-run   read and detect, print the job and the calls, change nothing
          DISPATCH_ALLOW_FILE_REPOSITORIES=1   allow file:// repositories (this machine's disk)

        Exit codes: 0 deployed (or jobs destroyed), 1 a step failed, 2 bad input,
                    4 DISPATCH_TIMEOUT passed, 143 stopped by SIGTERM/SIGINT.
        """;
  }
}
