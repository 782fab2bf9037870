package io.dispatch.lifecycle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Stops a process and everything it started: politely first, then for good. */
final class ProcessTree {

  /** How long the processes get to end after SIGTERM before SIGKILL. */
  static final Duration GRACE = Duration.ofSeconds(1);

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private ProcessTree() {}

  /**
   * Sends SIGTERM to {@code root} and all its descendants (found before any of them can exit and
   * orphan its children), waits up to {@link #GRACE} for them to end, then SIGKILLs whatever is
   * left, including processes started meanwhile. Safe to call more than once, from any thread.
   */
  static void stop(ProcessHandle root) {
    List<ProcessHandle> tree = withDescendants(List.of(root));
    tree.forEach(ProcessHandle::destroy);
    // Orphaned descendants are not ours to reap, and whoever reaps them may take its time (or, when
    // this JVM is a container's first process, never does): a process that has ended counts as
    // gone even while it waits to be reaped, so polling its state is the only reliable wait.
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (tree.stream().anyMatch(ProcessTree::running) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(POLL_NANOS);
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    for (ProcessHandle p : withDescendants(tree)) {
      if (running(p)) {
        p.destroyForcibly();
      }
    }
  }

  /** Alive and not a zombie: one that has exited but not been reaped is not running. */
  static boolean running(ProcessHandle p) {
    if (!p.isAlive()) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
    try {
      String s = Files.readString(stat);
      int end = s.lastIndexOf(')');
      return end < 0 || end + 2 >= s.length() || s.charAt(end + 2) != 'Z';
    } catch (IOException e) {
      // no /proc (not Linux) or it just went away: trust isAlive
      return p.isAlive();
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
