package io.dispatch.orchestrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.trace.Trace;
import io.dispatch.lifecycle.trace.TraceJson;
import io.dispatch.lifecycle.trace.TreeRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the trace goes at the end of a run: the log (as a tree or one JSON line) and TRACE_FILE.
 */
final class TraceOutput {

  private static final Logger log = LoggerFactory.getLogger(TraceOutput.class);

  private TraceOutput() {}

  static void emit(
      Trace trace, TraceOptions options, boolean json, PrintStream out, SecretMasker masker) {
    ObjectNode tree = TraceJson.toJson(trace);
    synchronized (out) {
      if (json) {
        ObjectNode line = tree.objectNode();
        line.put("time", Instant.now().toString()).put("level", "INFO").put("logger", "dispatch");
        line.put("message", "trace").put("event", "trace").set("trace", tree);
        out.println(masker.mask(line.toString()));
      } else {
        out.print(masker.mask(TreeRenderer.render(trace)));
      }
      out.flush();
    }
    if (!options.file().isEmpty()) {
      write(Path.of(options.file()), masker.mask(tree.toPrettyString()));
    }
  }

  private static void write(Path file, String content) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".trace", ".json");
      Files.writeString(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      log.warn("could not write TRACE_FILE {}: {}", file, e.getMessage());
    }
  }
}
