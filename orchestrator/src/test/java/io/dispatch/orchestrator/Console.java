package io.dispatch.orchestrator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** What a run printed and how it ended: {@link Orchestrator#run} as {@code main} calls it. */
record Console(int code, String out, String err) {

  /** Runs with these arguments, environment and adapters, without signal handling. */
  static Console run(String[] args, Map<String, String> env, AdapterFactory adapters) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Orchestrator(Clock.systemUTC(), adapters, false)
            .run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Console(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Console run(Map<String, String> env, AdapterFactory adapters) {
    return run(new String[0], env, adapters);
  }
}
