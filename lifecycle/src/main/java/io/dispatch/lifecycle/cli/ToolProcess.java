package io.dispatch.lifecycle.cli;

import io.dispatch.lifecycle.run.RunAbortedException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs one program to its end within the run: its output (stdout and stderr together) goes to the
 * log line by line as it comes, and when the run stops (deadline, SIGTERM) the program and every
 * process it started are stopped too, so nothing is left running.
 */
public final class ToolProcess {

  /** Lines of output kept to explain a failure. */
  static final int TAIL_LINES = 5;

  private static final int MAX_LINE = 8192;
  private static final int MAX_REASON = 600;
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]");

  private ToolProcess() {}

  /**
   * Runs {@code command} in {@code directory} and waits for it.
   *
   * @param what names the program in messages, e.g. {@code railpack}
   * @param output receives each line of output, without terminal colour codes
   * @throws StepFailedException when it cannot start or exits with another code than 0; the message
   *     ends with its last lines of output
   * @throws RunAbortedException when the run stopped first
   */
  public static void run(
      ToolCommand command,
      Path directory,
      String what,
      Consumer<String> output,
      RunControl control) {
    control.checkpoint();
    ProcessBuilder pb =
        new ProcessBuilder(command.arguments())
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(command.environment());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new StepFailedException("cannot start " + what + ": " + e.getMessage(), e);
    }
    Deque<String> tail = new ArrayDeque<>();
    Thread reader =
        new Thread(() -> copyLines(process.getInputStream(), output, tail), what + "-output");
    reader.setDaemon(true);
    reader.start();
    int exit;
    AutoCloseable onStop = control.onAbort(() -> ProcessTree.stop(process.toHandle()));
    try {
      if (!process.waitFor(control.remaining().toMillis(), TimeUnit.MILLISECONDS)) {
        ProcessTree.stop(process.toHandle());
      }
      exit = process.waitFor();
    } catch (InterruptedException e) {
      ProcessTree.stop(process.toHandle());
      throw stopped(control, what, e);
    } finally {
      unregister(onStop);
    }
    awaitOutput(reader);
    RunAbortedException stop = control.abortReason();
    if (stop != null) {
      throw stop;
    }
    if (exit != 0) {
      throw new StepFailedException(what + " failed (exit code " + exit + ")" + lastLines(tail));
    }
  }

  private static RuntimeException stopped(RunControl control, String what, InterruptedException e) {
    RunAbortedException stop = control.abortReason();
    if (stop != null) {
      return stop;
    }
    Thread.currentThread().interrupt();
    return new StepFailedException(what + " was interrupted", e);
  }

  private static void unregister(AutoCloseable action) {
    try {
      action.close();
    } catch (Exception ignored) {
      // unregistering an abort action does not fail
    }
  }

  /** Waits, bounded, for the last output: a process that escaped the tree may hold the pipe. */
  private static void awaitOutput(Thread reader) {
    try {
      reader.join(OUTPUT_DRAIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void copyLines(InputStream in, Consumer<String> output, Deque<String> tail) {
    try (Reader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = r.read()) != -1) {
        if (c == '\n' || c == '\r' || line.length() >= MAX_LINE) {
          emit(line, output, tail);
          if (c == '\n' || c == '\r') {
            continue;
          }
        }
        line.append((char) c);
      }
      emit(line, output, tail);
    } catch (IOException e) {
      // the process is gone and its pipe closed under us; what was read has been logged
    }
  }

  private static void emit(StringBuilder raw, Consumer<String> output, Deque<String> tail) {
    String line = ANSI.matcher(raw).replaceAll("").stripTrailing();
    raw.setLength(0);
    if (line.isBlank()) {
      return;
    }
    output.accept(line);
    synchronized (tail) {
      tail.addLast(line.strip());
      if (tail.size() > TAIL_LINES) {
        tail.removeFirst();
      }
    }
  }

  private static String lastLines(Deque<String> tail) {
    String joined;
    synchronized (tail) {
      if (tail.isEmpty()) {
        return ", without output";
      }
      joined = String.join(" | ", tail).replaceAll("\\p{Cntrl}", " ");
    }
    if (joined.length() > MAX_REASON) {
      joined = "…" + joined.substring(joined.length() - MAX_REASON);
    }
    return ": " + joined;
  }
}
