package io.dispatch.lifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.run.CancelledException;
import io.dispatch.lifecycle.run.DeadlineExceededException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (/bin/sh), no services: output, failures, and stopping a whole process tree. */
class ToolProcessTest {

  @TempDir Path dir;
  private RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofMinutes(2));
  private final List<String> output = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    control.close();
    Thread.interrupted();
  }

  private static ToolCommand sh(String script) {
    return new ToolCommand(List.of("/bin/sh", "-c", script), Map.of("PATH", "/usr/bin:/bin"));
  }

  private void run(String script) {
    ToolProcess.run(sh(script), dir, "railpack", output::add, control);
  }

  @Test
  void outputIsPassedOnLineByLineWithoutColourCodesInTheWorkingDirectory() throws IOException {
    Files.writeString(dir.resolve("package.json"), "{}");

    run("printf '\\033[1;32m╔ railpack\\033[0m\\nin %s\\r\\n\\n' \"$(ls)\"; echo err >&2");

    assertThat(output).containsExactly("╔ railpack", "in package.json", "err");
  }

  @Test
  void onlyTheGivenEnvironmentReachesTheProgram() {
    run("echo \"path=$PATH home=${HOME:-none}\"");

    assertThat(output).containsExactly("path=/usr/bin:/bin home=none");
  }

  @Test
  void aFailingProgramFailsWithItsExitCodeAndLastLines() {
    assertThatThrownBy(
            () ->
                run(
                    "for i in 1 2 3 4 5 6 7; do echo \"line $i\"; done; echo 'error: tsc failed' >&2; exit 7"))
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "railpack failed (exit code 7): line 4 | line 5 | line 6 | line 7 | error: tsc failed");
    assertThat(output).hasSize(8);
  }

  @Test
  void aSilentFailureSaysSo() {
    assertThatThrownBy(() -> run("exit 3"))
        .hasMessage("railpack failed (exit code 3), without output");
  }

  @Test
  void aProgramThatCannotStartIsAStepFailure() {
    assertThatThrownBy(
            () ->
                ToolProcess.run(
                    new ToolCommand(List.of(dir.resolve("missing").toString()), Map.of()),
                    dir,
                    "nixpacks",
                    output::add,
                    control))
        .isInstanceOf(StepFailedException.class)
        .hasMessageStartingWith("cannot start nixpacks: ");
  }

  /**
   * A program that started children, one of which ignores SIGTERM, all writing their pids to {@code
   * pids}; it signals readiness with a file.
   */
  private String tree(Path pids, Path ready) {
    return "sleep 300 & echo $! >> "
        + pids
        + "; (trap '' TERM; exec sleep 301) & echo $! >> "
        + pids
        + "; echo $$ >> "
        + pids
        + "; touch "
        + ready
        + "; echo started; wait";
  }

  private static void awaitFile(Path file) throws InterruptedException {
    for (int i = 0; i < 600 && !Files.exists(file); i++) {
      Thread.sleep(50);
    }
    assertThat(file).exists();
  }

  private static void assertAllGone(Path pids) throws IOException, InterruptedException {
    List<Long> all = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
    assertThat(all).hasSize(3);
    for (long pid : all) {
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      for (int i = 0; i < 100 && p.filter(ProcessTree::running).isPresent(); i++) {
        Thread.sleep(50);
      }
      assertThat(p.filter(ProcessTree::running)).as("process " + pid).isEmpty();
    }
  }

  @Test
  void cancellingTheRunStopsTheProgramAndEveryProcessItStarted() throws Exception {
    Path pids = dir.resolve("pids");
    Path ready = dir.resolve("ready");
    Thread canceller =
        new Thread(
            () -> {
              try {
                awaitFile(ready);
              } catch (InterruptedException e) {
                return;
              }
              control.cancel();
            });
    canceller.start();

    assertThatThrownBy(() -> run(tree(pids, ready))).isInstanceOf(CancelledException.class);

    // cancel() interrupts the run's worker (this thread) once its abort actions are done, which
    // may be after the run has already ended here
    while (canceller.isAlive()) {
      try {
        canceller.join();
      } catch (InterruptedException expected) {
        // the late interrupt of the worker
      }
    }
    Thread.interrupted();
    assertThat(output).contains("started");
    assertAllGone(pids);
  }

  @Test
  void theDeadlineStopsTheProgramAndEveryProcessItStarted() throws Exception {
    control.close();
    control = RunControl.start(Clock.systemUTC(), Duration.ofSeconds(2));
    Path pids = dir.resolve("pids");

    assertThatThrownBy(() -> run(tree(pids, dir.resolve("ready"))))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessage("timed out after 2s");

    // the deadline interrupts the run's worker (this thread) from the watchdog: end the run, which
    // waits for that and clears it, before sleeping here
    control.close();
    assertAllGone(pids);
  }
}
