package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.run.RetrySchedule;
import java.time.Duration;
import java.util.Objects;

/**
 * How patiently the adapter talks to Nomad. Every wait is also bounded by the run's deadline.
 *
 * @param connectTimeout to open a connection
 * @param blockingWait the {@code wait} of a blocking query: how long Nomad may hold it
 * @param retryWindow how long one call's transient failures (no connection, 5xx) are retried
 * @param firstRetryDelay the pause before the first retry; it doubles up to {@code maxRetryDelay}
 * @param maxRetryDelay the longest pause between retries
 * @param idleBackoff the pause when a blocking query returns without news (its index did not
 *     advance), so that a server answering early cannot make us spin
 * @param evaluationTimeout how long the register evaluation may stay pending
 * @param deploymentAppearTimeout how long to wait for the deployment of the registered version when
 *     the evaluation names none
 * @param revertTimeout how long to follow the deployment of an automatic rollback
 * @param stallGrace how long past the update's progress deadline a deployment may go without any
 *     progress before we stop waiting (Nomad never fails a deployment that placed nothing)
 */
public record NomadSettings(
    Duration connectTimeout,
    Duration blockingWait,
    Duration retryWindow,
    Duration firstRetryDelay,
    Duration maxRetryDelay,
    Duration idleBackoff,
    Duration evaluationTimeout,
    Duration deploymentAppearTimeout,
    Duration revertTimeout,
    Duration stallGrace) {

  /** Nomad holds a blocking query at most 10 minutes. */
  static final Duration MAX_WAIT = Duration.ofMinutes(10);

  public NomadSettings {
    positive(connectTimeout, "connectTimeout");
    positive(blockingWait, "blockingWait");
    if (blockingWait.compareTo(MAX_WAIT) > 0) {
      throw new IllegalArgumentException("'blockingWait' must be at most 10m");
    }
    positive(retryWindow, "retryWindow");
    positive(firstRetryDelay, "firstRetryDelay");
    positive(maxRetryDelay, "maxRetryDelay");
    positive(idleBackoff, "idleBackoff");
    positive(evaluationTimeout, "evaluationTimeout");
    positive(deploymentAppearTimeout, "deploymentAppearTimeout");
    positive(revertTimeout, "revertTimeout");
    positive(stallGrace, "stallGrace");
    RetrySchedule.doubling(firstRetryDelay, maxRetryDelay, retryWindow); // checks they fit
  }

  public static NomadSettings defaults() {
    return new NomadSettings(
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofMillis(250),
        Duration.ofSeconds(4),
        Duration.ofMillis(200),
        Duration.ofMinutes(2),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        Duration.ofMinutes(1));
  }

  /** These settings with transient Nomad failures retried for {@code window}. */
  public NomadSettings withRetryWindow(Duration window) {
    return new NomadSettings(
        connectTimeout,
        blockingWait,
        window,
        firstRetryDelay,
        maxRetryDelay,
        idleBackoff,
        evaluationTimeout,
        deploymentAppearTimeout,
        revertTimeout,
        stallGrace);
  }

  /** How a call's transient failures are retried: doubling pauses within the retry window. */
  public RetrySchedule retries() {
    return RetrySchedule.doubling(firstRetryDelay, maxRetryDelay, retryWindow);
  }

  /**
   * The socket read timeout: longer than the longest blocking query Nomad may hold ({@code wait}
   * plus up to {@code wait/16} of jitter), so that only a dead connection times out.
   */
  public Duration socketTimeout() {
    return blockingWait.plus(blockingWait.dividedBy(16)).plusSeconds(10);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("'" + name + "' must be positive");
    }
  }
}
