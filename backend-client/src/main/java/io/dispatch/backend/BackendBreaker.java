package io.dispatch.backend;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The decision to stop calling a backend that is down: after {@value
 * #FAILED_CALLS_BEFORE_GIVING_UP} calls in a row fail for transient reasons (no answer, a 5xx, a
 * 429; each after its retries), the rest of the run's calls are skipped. A call that succeeds
 * starts the count again; a final failure (a 4xx, an answer we cannot use) says nothing about
 * availability and is not counted. Once open, the breaker stays open for the run.
 */
final class BackendBreaker {

  static final int FAILED_CALLS_BEFORE_GIVING_UP = 2;

  private final AtomicInteger transientFailuresInARow = new AtomicInteger();
  private final AtomicBoolean open = new AtomicBoolean();

  /** Whether the rest of the run's calls are to be skipped. */
  boolean isOpen() {
    return open.get();
  }

  void succeeded() {
    transientFailuresInARow.set(0);
  }

  /**
   * Records a call that failed after its retries.
   *
   * @return whether this failure opened the breaker (true once per run)
   */
  boolean failed(BackendException e) {
    return e.retryable()
        && transientFailuresInARow.incrementAndGet() >= FAILED_CALLS_BEFORE_GIVING_UP
        && open.compareAndSet(false, true);
  }
}
