package io.dispatch.lifecycle.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a remote call is retried, and the one loop that does it: try, and after a failure the caller
 * calls retryable, pause (the first pause, growing by {@code growth} each time up to {@code
 * maxDelay}) and try again; stop at the first failure that is not retryable, after {@code
 * maxAttempts}, or when the next pause would end at or past {@code window} after the first try.
 * Pauses go through {@link RunControl#pause}, so a cancel or the run's deadline cuts them short.
 *
 * @param firstDelay the pause before the first retry
 * @param growth the factor each further pause is multiplied by (1 keeps it constant)
 * @param maxDelay the longest pause the growth leads to
 * @param window how long after the first try another try may still start
 * @param maxAttempts how many tries in all, the first included
 */
public record RetrySchedule(
    Duration firstDelay, int growth, Duration maxDelay, Duration window, int maxAttempts) {

  /** One try of the call. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run();
  }

  /**
   * What the caller decides about its own failures. An attempt's other exceptions, and the run's
   * own stop ({@link RunAbortedException}), are never caught.
   *
   * @param <F> the caller's failure type, which its attempts throw
   */
  public interface Policy<F extends RuntimeException> {

    /** The type of the failures this policy classifies. */
    Class<F> failures();

    /** Whether another try may help: no connection, 5xx, 429 (not a refusal). */
    boolean retryable(F failure);

    /** The shortest pause the failure asks for (a {@code Retry-After}); zero by default. */
    default Duration notBefore(F failure) {
      return Duration.ZERO;
    }

    /** Called before the pause after a retryable failure: to log it. */
    default void retrying(F failure, Duration pause) {}

    /** What to throw when retries run out after {@code attempts} tries in {@code elapsed}. */
    default RuntimeException exhausted(F failure, int attempts, Duration elapsed) {
      return failure;
    }
  }

  public RetrySchedule {
    nonNegative(firstDelay, "firstDelay");
    nonNegative(maxDelay, "maxDelay");
    nonNegative(window, "window");
    if (growth < 1) {
      throw new IllegalArgumentException("'growth' must be at least 1");
    }
    if (maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("'maxDelay' must not be shorter than 'firstDelay'");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("'maxAttempts' must be at least 1");
    }
  }

  /** Pauses doubling from {@code first} up to {@code max}, for as many tries as {@code window}. */
  public static RetrySchedule doubling(Duration first, Duration max, Duration window) {
    return new RetrySchedule(first, 2, max, window, Integer.MAX_VALUE);
  }

  /** This schedule, ending {@code value} after the first try. */
  public RetrySchedule withWindow(Duration value) {
    return new RetrySchedule(firstDelay, growth, maxDelay, value, maxAttempts);
  }

  /** The pause after the {@code attempt}-th failed try: first × growth^(attempt−1), at most max. */
  public Duration pauseAfter(int attempt) {
    Duration pause = firstDelay;
    if (growth == 1 || pause.isZero()) {
      return pause;
    }
    for (int i = 1; i < attempt && pause.compareTo(maxDelay) < 0; i++) {
      pause =
          pause.compareTo(maxDelay.dividedBy(growth)) > 0 ? maxDelay : pause.multipliedBy(growth);
    }
    return pause;
  }

  /**
   * Runs {@code attempt} until it returns, retrying the failures {@code policy} calls retryable.
   *
   * @throws RuntimeException the failure that is not retryable, or {@link Policy#exhausted}'s
   * @throws RunAbortedException when the run is cancelled or out of time, also during a pause
   */
  public <T, F extends RuntimeException> T run(
      RunControl control, Policy<F> policy, Attempt<T> attempt) {
    Clock clock = control.clock();
    Instant started = clock.instant();
    Instant giveUpAt = started.plus(window);
    for (int tries = 1; ; tries++) {
      control.checkpoint();
      F failure;
      try {
        return attempt.run();
      } catch (RunAbortedException e) {
        throw e;
      } catch (RuntimeException e) {
        if (!policy.failures().isInstance(e)) {
          throw e;
        }
        failure = policy.failures().cast(e);
      }
      if (!policy.retryable(failure)) {
        throw failure;
      }
      Duration pause = pauseAfter(tries);
      Duration asked = policy.notBefore(failure);
      if (asked.compareTo(pause) > 0) {
        pause = asked;
      }
      Instant now = clock.instant();
      if (tries >= maxAttempts || !now.plus(pause).isBefore(giveUpAt)) {
        throw policy.exhausted(failure, tries, Duration.between(started, now));
      }
      policy.retrying(failure, pause);
      control.pause(pause);
    }
  }

  private static void nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException("'" + name + "' must not be negative");
    }
  }
}
