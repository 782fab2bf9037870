package io.dispatch.orchestrator;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The selector threads of {@code java.net.http.HttpClient}, which OpenTelemetry's JDK sender uses.
 * Such a thread sits in native code ({@code epoll_wait}) until its client is collected, and the JVM
 * waits up to 300 ms at exit for threads in native code; Java 17's client has no {@code close()}.
 * Interrupting the thread wakes its selector and ends its loop. Only threads this process started
 * for the trace export, after their last request, are stopped.
 */
final class SelectorThreads {

  private SelectorThreads() {}

  static Set<Thread> running() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(SelectorThreads::isSelector)
        .collect(Collectors.toSet());
  }

  /** Stops every selector thread that is not in {@code keep}. */
  static void stopAllBut(Set<Thread> keep) {
    for (Thread t : running()) {
      if (!keep.contains(t)) {
        t.interrupt();
      }
    }
  }

  private static boolean isSelector(Thread t) {
    String name = t.getName();
    return name.startsWith("HttpClient-") && name.endsWith("-SelectorManager");
  }
}
