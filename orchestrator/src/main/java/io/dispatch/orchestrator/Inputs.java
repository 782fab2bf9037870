package io.dispatch.orchestrator;

import io.dispatch.lifecycle.cli.ToolEnvironment;
import io.dispatch.lifecycle.nats.NatsSettings;
import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.params.InvalidParameterException;
import io.dispatch.lifecycle.params.PlatformNames;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.params.TaskRequest;
import io.dispatch.portdetector.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a run takes from its environment, decoded once: the task, its parameters and the
 * runtime settings. This is the only reader of the environment; it is given a map.
 *
 * @param request the decoded task
 * @param settings how to reach Docker, registries and the file system
 * @param trace where the trace goes and what it continues
 * @param nats where events and the live log go, if anywhere ({@code NATS_SERVERS}, {@code
 *     NATS_CLIENT_PRIVATE_KEY}, {@code NATS_STREAM_PREFIX})
 * @param secrets every secret value met, so that output can mask them
 * @param dryRun change nothing: read and detect, print what would be sent ({@code --dry-run},
 *     {@code DRY_RUN=1})
 */
record Inputs(
    TaskRequest request,
    RuntimeSettings settings,
    TraceOptions trace,
    Optional<NatsSettings> nats,
    Set<String> secrets,
    boolean dryRun) {

  static final String TASK = "NOMAD_META_TASK";

  /**
   * Decodes the environment.
   *
   * @throws BadInputException naming the variable (and field) that is wrong
   */
  static Inputs decode(Map<String, String> env) {
    return decode(env, false);
  }

  /** Decodes the environment; {@code dryRunFlag} is the {@code --dry-run} argument. */
  static Inputs decode(Map<String, String> env, boolean dryRunFlag) {
    return decode(env, dryRunFlag, new LinkedHashSet<>());
  }

  /**
   * Decodes the environment, adding every secret met to {@code secrets} as soon as it is met, so
   * that a caller can mask them even when decoding then fails.
   */
  static Inputs decode(Map<String, String> env, boolean dryRunFlag, Set<String> secrets) {
    String task = meta(env, "task");
    if (task.isEmpty()) {
      throw new BadInputException(
          TASK, "is not set (expected one of " + String.join(", ", ParamsDecoder.TASKS) + ")");
    }
    if (!ParamsDecoder.TASKS.contains(task)) {
      throw new BadInputException(
          TASK,
          "unknown task '"
              + Checks.quote(task)
              + "' (expected one of "
              + String.join(", ", ParamsDecoder.TASKS)
              + ")");
    }
    String raw = meta(env, "params");
    if (raw.isEmpty()) {
      throw new BadInputException(
          ParamsText.VARIABLE, "is not set (base64 of the task's JSON parameters)");
    }
    RuntimeSettings settings = settings(env);
    ParamsDecoder decoder = new ParamsDecoder(env, secrets);
    yesOrNo(env, ParamsDecoder.ALLOW_FILE_REPOSITORIES);
    TaskRequest request;
    TraceOptions trace;
    try {
      JsonFields params = JsonFields.root(ParamsText.decode(raw));
      request = decoder.decode(task, params);
      trace = TraceOptions.from(env, params.string("traceparent"), secrets);
    } catch (InvalidParameterException e) {
      throw new BadInputException(ParamsText.VARIABLE, e.getMessage());
    }
    Optional<NatsSettings> nats = nats(env, request, secrets);
    boolean dryRun = dryRunFlag || yesOrNo(env, "DRY_RUN");
    return new Inputs(request, settings, trace, nats, Set.copyOf(secrets), dryRun);
  }

  /**
   * The NATS settings, when both {@code NATS_SERVERS} and {@code NATS_CLIENT_PRIVATE_KEY} are set;
   * the seed is a secret from the moment it is read. The deployment id then names a subject, so it
   * must be one subject token.
   */
  private static Optional<NatsSettings> nats(
      Map<String, String> env, TaskRequest request, Set<String> secrets) {
    String seed = value(env, NatsSettings.SEED);
    if (!seed.isEmpty()) {
      secrets.add(seed);
    }
    NatsSettings nats;
    try {
      nats =
          NatsSettings.of(value(env, NatsSettings.SERVERS), seed, value(env, NatsSettings.PREFIX));
    } catch (NatsSettings.InvalidSettingException e) {
      throw new BadInputException(e.variable(), e.getMessage());
    }
    if (nats == null) {
      return Optional.empty();
    }
    secrets.addAll(nats.secrets());
    if (request instanceof ServiceDeployment d
        && !NatsSettings.isToken(d.identity().deploymentId())) {
      throw new BadInputException(
          ParamsText.VARIABLE,
          "'deploymentId' names the NATS log subject: it must not contain spaces, dots, '*' or '>'");
    }
    return Optional.of(nats);
  }

  /** A yes/no variable: {@code 1}, {@code true}, {@code yes}, or empty/{@code 0}/… for no. */
  static boolean yesOrNo(Map<String, String> env, String name) {
    String v = value(env, name).toLowerCase(Locale.ROOT);
    if (!v.matches("|0|1|true|false|yes|no")) {
      throw new BadInputException(name, "must be 1/true/yes or 0/false/no");
    }
    return v.matches("1|true|yes");
  }

  /**
   * A dispatch meta value. Nomad sets each meta key twice, as written and upper-cased; the
   * as-written name is read first. An empty value counts as absent.
   */
  static String meta(Map<String, String> env, String key) {
    for (String name :
        new String[] {"NOMAD_META_" + key, "NOMAD_META_" + key.toUpperCase(Locale.ROOT)}) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return "";
  }

  static RuntimeSettings settings(Map<String, String> env) {
    Duration timeout = RuntimeSettings.DEFAULT_TIMEOUT;
    String t = value(env, "DISPATCH_TIMEOUT");
    if (!t.isEmpty()) {
      timeout =
          GoDuration.parse(t)
              .filter(d -> !d.isZero())
              .orElseThrow(
                  () ->
                      new BadInputException(
                          "DISPATCH_TIMEOUT", "must be a duration such as 90s, 15m or 1h"));
    }
    String provider = value(env, "SERVICE_PROVIDER").toLowerCase(Locale.ROOT);
    if (!provider.isEmpty() && !provider.equals("nomad") && !provider.equals("consul")) {
      throw new BadInputException("SERVICE_PROVIDER", "must be nomad or consul");
    }
    String dockerHost = value(env, "DOCKER_HOST");
    if (!dockerHost.isEmpty() && !dockerHost.matches("(unix|tcp)://.+")) {
      throw new BadInputException("DOCKER_HOST", "must be unix:///path or tcp://host:port");
    }
    Set<String> insecure =
        Arrays.stream(value(env, "INSECURE_REGISTRIES").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    String workRoot = value(env, "DISPATCH_WORK_DIR");
    if (workRoot.isEmpty()) {
      workRoot = System.getProperty("java.io.tmpdir");
    }
    Duration nomadRetry = RuntimeSettings.DEFAULT_NOMAD_RETRY_WINDOW;
    String r = value(env, "NOMAD_RETRY_WINDOW");
    if (!r.isEmpty()) {
      nomadRetry =
          GoDuration.parse(r)
              .filter(d -> !d.isZero())
              .orElseThrow(
                  () ->
                      new BadInputException(
                          "NOMAD_RETRY_WINDOW", "must be a duration such as 10s or 1m"));
    }
    return new RuntimeSettings(
        timeout,
        dockerHost,
        provider,
        insecure,
        Path.of(workRoot),
        value(env, "REGISTRY_URL"),
        nomadRetry,
        platformNames(env),
        ToolEnvironment.from(env));
  }

  /** The platform's names, each from its variable or the pack's value. */
  static PlatformNames platformNames(Map<String, String> env) {
    try {
      return new PlatformNames(
          valueOr(env, "VAULT_KV_MOUNT", PlatformNames.DEFAULT_KV_MOUNT),
          env.containsKey("VAULT_REGISTRY_SECRET")
              ? value(env, "VAULT_REGISTRY_SECRET")
              : PlatformNames.DEFAULT_REGISTRY_SECRET,
          valueOr(env, "VAULT_REGISTRY_POLICY", PlatformNames.DEFAULT_REGISTRY_POLICY),
          value(env, "NOMAD_VAULT_ROLE"),
          valueOr(env, "NOMAD_GPU_DEVICE", PlatformNames.DEFAULT_GPU_DEVICE),
          valueOr(env, "NOMAD_GPU_NODE_POOL", PlatformNames.DEFAULT_GPU_NODE_POOL),
          value(env, "NOMAD_NODE_POOL"));
    } catch (InvalidParameterException e) {
      throw new BadInputException(e.field(), e.getMessage().replaceFirst("^'[^']*' ", ""));
    }
  }

  private static String valueOr(Map<String, String> env, String name, String fallback) {
    String v = value(env, name);
    return v.isEmpty() ? fallback : v;
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null ? "" : v.strip();
  }

  @Override
  public String toString() {
    return "Inputs[" + request.task() + "]";
  }
}
