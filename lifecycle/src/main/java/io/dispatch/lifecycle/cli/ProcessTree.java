package io.dispatch.lifecycle.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process and everything it started: politely first, then for good. */
final class ProcessTree {

  /** How long the processes get to end after SIGTERM before SIGKILL. */
  static final Duration GRACE = Duration.ofSeconds(1);

  private ProcessTree() {}

  /**
   * Sends SIGTERM to {@code root} and all its descendants (found before any of them can exit and
   * orphan its children), waits up to {@link #GRACE}, then SIGKILLs whatever is left, including
   * processes started meanwhile. Safe to call more than once, from any thread.
   */
  static void stop(ProcessHandle root) {
    List<ProcessHandle> tree = withDescendants(List.of(root));
    tree.forEach(ProcessHandle::destroy);
    try {
      CompletableFuture.allOf(
              tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
          .get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // some did not end in time: they are killed below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle p : withDescendants(tree)) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  private static List<ProcessHandle> withDescendants(List<ProcessHandle> processes) {
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle p : processes) {
      if (!all.contains(p)) {
        all.add(p);
      }
      p.descendants().filter(d -> !all.contains(d)).forEach(all::add);
    }
    return all;
  }
}
