package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.Checks;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a failure nobody expected ends: as one warning line through the run's (masking) log, never
 * as a stack trace on stderr (those appear at debug level only), and never as a changed exit code.
 * It covers the work that follows a run (summary, trace, export) and any thread that would die of
 * an uncaught exception.
 */
final class StrayFailures {

  private static final Logger log = LoggerFactory.getLogger(StrayFailures.class);
  private static final AtomicBoolean HANDLER_INSTALLED = new AtomicBoolean();

  private StrayFailures() {}

  /** Makes an exception that ends any thread one warning line instead of a printed stack trace. */
  static void installHandler() {
    if (HANDLER_INSTALLED.compareAndSet(false, true)) {
      Thread.setDefaultUncaughtExceptionHandler(
          (thread, e) -> {
            log.warn("thread {} stopped: {}", thread.getName(), describe(e));
            log.debug("thread {} stopped", thread.getName(), e);
          });
    }
  }

  /** Runs {@code work}; an unexpected failure of it is one warning line. */
  static void contain(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.warn("{} failed: {}", what, describe(e));
      log.debug("{} failed", what, e);
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName()
        + (message == null
            ? ""
            : ": "
                + Checks.escape(
                    message.length() > 200 ? message.substring(0, 200) + "…" : message));
  }
}
