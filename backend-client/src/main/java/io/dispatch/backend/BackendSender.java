package io.dispatch.backend;

import io.dispatch.backend.DeploymentBackend.FailureListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue and sender of one run's backend calls, and the one place that composes what a call
 * costs: its retries ({@link RetryingCall}), the run's wait budget ({@link BackendBudget}) and the
 * decision to stop calling a backend that is down ({@link BackendBreaker}). It catches every
 * failure, logs one warning per failed call, and goes on.
 *
 * <p>Background calls are sent in order on one daemon thread, so a slow backend never holds the
 * deployment up; nothing a call does can end that thread. A call the deployment must wait for
 * ({@link #waitFor}) and the final drain ({@link #close}) come out of the budget; once it is spent
 * the deployment no longer waits at all.
 */
final class BackendSender {

  /** The warnings are the reporter's, and carry its name. */
  private static final Logger log = LoggerFactory.getLogger(BackendReporter.class);

  private final Clock clock;
  private final Duration callTimeout;
  private final FailureListener listener;
  private final RetryingCall retrying;
  private final BackendBudget budget;
  private final BackendBreaker breaker = new BackendBreaker();
  private final ExecutorService queue;
  private final AtomicBoolean budgetSpentLogged = new AtomicBoolean();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  BackendSender(
      BackendConfig config, Clock clock, FailureListener listener, RetryingCall.Sleeper sleeper) {
    this.clock = clock;
    this.callTimeout = config.callTimeout();
    this.listener = listener;
    this.retrying = new RetryingCall(clock, config.callTimeout(), sleeper);
    this.budget = new BackendBudget(clock, config.budget());
    this.queue =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "backend-reporter");
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues {@code attempt}, sent after what is already queued; the caller does not wait. */
  void inBackground(String what, RetryingCall.Attempt<Void> attempt) {
    try {
      queue.execute(
          () -> {
            if (!skippedAsUnavailable()) {
              send(what, retrying.allAttempts(), attempt);
            }
          });
    } catch (RejectedExecutionException e) {
      log.warn("backend: {} not sent: the run is over", what);
    }
  }

  /** Sends {@code attempt} and waits for its answer, within what is left of the budget. */
  <T> Optional<T> waitFor(String what, RetryingCall.Attempt<T> attempt) {
    if (skippedAsUnavailable()) {
      return Optional.empty();
    }
    if (budget.isSpent()) {
      if (budgetSpentLogged.compareAndSet(false, true)) {
        log.warn(
            "backend: {} skipped: the run's {} ms for waiting on the backend are spent",
            what,
            budget.total().toMillis());
      }
      skipped.incrementAndGet();
      return Optional.empty();
    }
    Duration limit = budget.bounded(callTimeout);
    return budget.charge(() -> send(what, limit, attempt));
  }

  /** Delivers what is still queued, within what is left of the budget, and says what was not. */
  void close() {
    queue.shutdown();
    boolean drained = budget.charge(this::awaitQueue);
    if (!drained) {
      int lost = queue.shutdownNow().size() + 1;
      log.warn(
          "backend: {} update(s) not sent: the backend did not answer within the run's {} ms",
          lost,
          budget.total().toMillis());
    }
    if (skipped.get() > 0) {
      log.warn("backend: {} call(s) skipped because the backend was unavailable", skipped.get());
    }
  }

  /** How many calls failed after their retries. */
  int failedCalls() {
    return failed.get();
  }

  private boolean awaitQueue() {
    // A run stopped by its deadline or a signal interrupts its thread; its last updates (the
    // failed step) still deserve the rest of the budget.
    boolean wasInterrupted = Thread.interrupted();
    try {
      return queue.awaitTermination(budget.left().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      wasInterrupted = true;
      return false;
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether the breaker is open; a call skipped for that is counted. */
  private boolean skippedAsUnavailable() {
    if (breaker.isOpen()) {
      skipped.incrementAndGet();
      return true;
    }
    return false;
  }

  /**
   * One call with its retries, all within {@code limit}. Nothing it does reaches the caller: a
   * failure is counted and logged, and one that is not a {@link BackendException} is never expected
   * and still no reason to end the sender or to reach the deployment.
   */
  private <T> Optional<T> send(String what, Duration limit, RetryingCall.Attempt<T> attempt) {
    try {
      return retried(what, limit, attempt);
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      log.warn("backend: {} failed: {}", what, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private <T> Optional<T> retried(String what, Duration limit, RetryingCall.Attempt<T> attempt) {
    try {
      T value = retrying.call(attempt, clock.instant().plus(limit));
      breaker.succeeded();
      return Optional.ofNullable(value);
    } catch (BackendException e) {
      failed.incrementAndGet();
      log.warn("backend: {} failed: {}", what, e.getMessage());
      listener.callFailed(what, e.getMessage());
      if (breaker.failed(e)) {
        log.warn(
            "backend: unavailable after {} failed calls; the rest of this run's updates are"
                + " skipped",
            BackendBreaker.FAILED_CALLS_BEFORE_GIVING_UP);
      }
      return Optional.empty();
    }
  }
}
