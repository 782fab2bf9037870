package io.dispatch.lifecycle.ports;

import java.time.Duration;

/**
 * What a run tells the platform's event bus, best-effort: that a deployment started, how it ended,
 * which jobs were destroyed, and its log as it happens. Nothing here blocks or throws, and nothing
 * here may change the run's outcome.
 */
public interface DeploymentEvents {

  /**
   * How long {@link #close} may wait for what is still being sent: with the adapter's own start, a
   * bus that never answers adds at most 2 s to a run.
   */
  Duration FLUSH_BUDGET = Duration.ofMillis(1500);

  /** Which of the task's output streams a log line belongs to. */
  enum Output {
    STDOUT,
    STDERR
  }

  /** The deployment started. */
  void started();

  /** The deployment ended; the log's end marker follows at {@link #close}. */
  void finished(boolean succeeded);

  /** A job was stopped and purged (or was already gone). */
  void jobDestroyed(String serviceId, String reason);

  /**
   * One line of the run's log.
   *
   * @param phase what the run was doing, e.g. {@code clone}, {@code build}, {@code deploy}
   * @param timestampMillis when it was written, in Unix milliseconds
   * @param text the line, without its line break
   */
  void line(Output output, String phase, long timestampMillis, String text);

  /** Ends the log and sends what is still queued, waiting at most {@code budget}. */
  void close(Duration budget);

  /** The events of a run without an event bus: every call does nothing. */
  static DeploymentEvents none() {
    return NoEvents.INSTANCE;
  }
}
