package io.dispatch.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The backend and Nomad doubles as one standalone process, for running the orchestrator by hand
 * (scripts/run-local.sh) and for benchmarks.
 *
 * <pre>
 * java -cp … io.dispatch.testdata.LocalStack ENV_FILE [SCENARIO] [STEP_MILLIS]
 * </pre>
 *
 * Writes {@code BACKEND_URL}, {@code ACCESS_TOKEN}, {@code NOMAD_ADDR} and {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} (a sink that accepts trace exports) to ENV_FILE, plays SCENARIO
 * (default {@code successful}) one step every STEP_MILLIS after a register (default 200; 0 = only
 * when told), and runs until its standard input closes. Then it prints the calls the backend
 * received, in order.
 */
public final class LocalStack {

  private LocalStack() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: LocalStack ENV_FILE [SCENARIO] [STEP_MILLIS]");
      System.exit(2);
    }
    NomadScenario scenario =
        NomadScenario.valueOf(
            args.length > 1 ? args[1].toUpperCase(Locale.ROOT).replace('-', '_') : "SUCCESSFUL");
    long stepMillis = args.length > 2 ? Long.parseLong(args[2]) : 200;
    try (OtlpSink otlp = OtlpSink.start();
        BackendDouble backend = BackendDouble.start();
        NomadDouble nomad = NomadDouble.start(scenario)) {
      if (stepMillis > 0) {
        nomad.autoAdvance(Duration.ofMillis(stepMillis));
      }
      Path env = Path.of(args[0]);
      Files.writeString(
          env,
          "BACKEND_URL="
              + backend.url()
              + "\n"
              + "ACCESS_TOKEN="
              + BackendDouble.TOKEN
              + "\n"
              + "NOMAD_ADDR="
              + nomad.url()
              + "\n"
              + "OTEL_EXPORTER_OTLP_ENDPOINT="
              + otlp.endpoint()
              + "\n");
      System.out.println(
          "backend " + backend.url() + ", nomad " + nomad.url() + " (" + scenario + ")");
      System.out.flush();
      waitForEndOfInput(System.in);
      printCalls(backend);
      System.out.println("OTLP trace exports received: " + otlp.exports().size());
    }
  }

  private static void waitForEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // keep running until whoever started us closes our input
    }
  }

  private static void printCalls(BackendDouble backend) {
    System.out.println("backend calls received:");
    List<String> calls = backend.calls();
    List<JsonNode> steps = backend.stepUpdates();
    List<JsonNode> services = backend.serviceUpdates();
    int step = 0;
    int service = 0;
    for (String call : calls) {
      String detail = "";
      if (call.endsWith(BackendDouble.STEP_UPDATE) && step < steps.size()) {
        JsonNode s = steps.get(step++);
        detail =
            "  "
                + s.path("step").asText()
                + " "
                + s.path("status").asText()
                + (s.has("error") ? " (" + s.path("error").asText() + ")" : "");
      } else if (call.endsWith(BackendDouble.SERVICE_UPDATE) && service < services.size()) {
        detail = "  " + services.get(service++);
      }
      System.out.println("  " + call + detail);
    }
  }
}
