package io.dispatch.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One backend call with its retries. An attempt that gets no answer (connection refused or reset,
 * timeout), a 5xx or a 429 is tried again after 10 ms, then after 50 ms: {@value #ATTEMPTS}
 * attempts at most, each within the call timeout and all within the call's deadline. A pause that
 * would end past the deadline is not taken. Time is read from the run's clock.
 */
final class RetryingCall {

  static final int ATTEMPTS = 3;

  /** The pause before the second and the third attempt. */
  static final List<Duration> BACKOFF = List.of(Duration.ofMillis(10), Duration.ofMillis(50));

  /** One attempt, which must end by {@code deadline}. */
  @FunctionalInterface
  interface Attempt<T> {
    T apply(Instant deadline) throws BackendException;
  }

  /** How the caller waits between attempts: the thread sleeps; tests move a clock instead. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper THREAD = d -> Thread.sleep(d.toMillis());
  }

  private final Clock clock;
  private final Duration attemptTimeout;
  private final Sleeper sleeper;

  RetryingCall(Clock clock, Duration attemptTimeout, Sleeper sleeper) {
    this.clock = clock;
    this.attemptTimeout = attemptTimeout;
    this.sleeper = sleeper;
  }

  /** The longest all attempts may take when nothing else bounds them. */
  Duration allAttempts() {
    return attemptTimeout.multipliedBy(ATTEMPTS);
  }

  /**
   * Runs {@code attempt} until it succeeds, fails for good, or the attempts or the time run out.
   *
   * @throws BackendException the last attempt's failure; its message says how many attempts were
   *     made when there was more than one
   */
  <T> T call(Attempt<T> attempt, Instant deadline) throws BackendException {
    for (int made = 1; ; made++) {
      Instant attemptDeadline = clock.instant().plus(attemptTimeout);
      try {
        return attempt.apply(attemptDeadline.isBefore(deadline) ? attemptDeadline : deadline);
      } catch (BackendException e) {
        if (!e.retryable() || made == ATTEMPTS || !pause(BACKOFF.get(made - 1), deadline)) {
          throw made == 1 ? e : afterAttempts(e, made);
        }
      }
    }
  }

  /** Waits {@code backoff} unless that would pass {@code deadline} or the thread is interrupted. */
  private boolean pause(Duration backoff, Instant deadline) {
    if (clock.instant().plus(backoff).isAfter(deadline)) {
      return false;
    }
    try {
      sleeper.sleep(backoff);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static BackendException afterAttempts(BackendException last, int made) {
    return new BackendException(
        last.getMessage() + " (after " + made + " attempts)",
        last.status(),
        last.retryable(),
        last);
  }
}
