package io.dispatch.lifecycle.run;

import io.dispatch.portdetector.GoDuration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The run's deadline and its cancellation. Work checks {@link #checkpoint()} between operations and
 * bounds every wait by {@link #remaining()}; when the deadline passes or the run is cancelled, the
 * registered abort actions run (closing HTTP clients, streams, clones in progress) and the worker
 * thread is interrupted, so that no blocking call outlives the run.
 */
public final class RunControl implements AutoCloseable {

  /** How the run waits between attempts: the thread sleeps; tests move a clock instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration timeout;
  private final Instant deadline;
  private final List<Runnable> abortActions = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService watchdog;
  private volatile Thread worker;
  private volatile boolean cancelled;
  private volatile boolean expired;

  private RunControl(Clock clock, Sleeper sleeper, Duration timeout) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.timeout = timeout;
    this.deadline = clock.instant().plus(timeout);
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "run-deadline");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the clock for a run of at most {@code timeout}, worked on by the calling thread. */
  public static RunControl start(Clock clock, Duration timeout) {
    return start(clock, timeout, d -> Thread.sleep(d.toMillis()));
  }

  /**
   * {@link #start(Clock, Duration)} with {@link #pause} waiting through {@code sleeper}: a test
   * clock's {@code advance} makes retry schedules exact.
   */
  public static RunControl start(Clock clock, Duration timeout, Sleeper sleeper) {
    RunControl control = new RunControl(clock, sleeper, timeout);
    control.worker = Thread.currentThread();
    control.watchdog.schedule(control::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    return control;
  }

  public Clock clock() {
    return clock;
  }

  public Instant deadline() {
    return deadline;
  }

  public Duration timeout() {
    return timeout;
  }

  /** Time left before the deadline; zero once it has passed. */
  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The shorter of {@code wanted} and the time left. */
  public Duration bounded(Duration wanted) {
    Duration left = remaining();
    return wanted.compareTo(left) < 0 ? wanted : left;
  }

  /**
   * Throws when the run must stop.
   *
   * @throws CancelledException after {@link #cancel()}
   * @throws DeadlineExceededException once the deadline has passed
   */
  public void checkpoint() {
    if (cancelled) {
      throw new CancelledException();
    }
    if (expired || !clock.instant().isBefore(deadline)) {
      expired = true;
      throw timedOut();
    }
  }

  /**
   * The exception that explains why a blocking call was interrupted or aborted, if the run is
   * stopping; otherwise {@code null} and the caller reports its own failure.
   */
  public RunAbortedException abortReason() {
    if (cancelled) {
      return new CancelledException();
    }
    if (expired || !clock.instant().isBefore(deadline)) {
      expired = true;
      return timedOut();
    }
    return null;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  public boolean isStopping() {
    return cancelled || expired || !clock.instant().isBefore(deadline);
  }

  /**
   * Registers an action that makes blocking work return when the run stops; it runs at most once,
   * from another thread. Returns a handle that unregisters it.
   */
  public AutoCloseable onAbort(Runnable action) {
    abortActions.add(action);
    if (isStopping()) {
      action.run();
    }
    return () -> abortActions.remove(action);
  }

  /**
   * Waits {@code d} between attempts, or less when the run stops first; then throws if it did.
   *
   * @throws RunAbortedException when the run is cancelled or out of time
   */
  public void pause(Duration d) {
    try {
      sleeper.sleep(bounded(d));
    } catch (InterruptedException e) {
      RunAbortedException stop = abortReason();
      if (stop != null) {
        throw stop;
      }
      Thread.currentThread().interrupt();
      throw new CancelledException();
    }
    checkpoint();
  }

  /** Stops the run: for SIGTERM and SIGINT. */
  public void cancel() {
    cancelled = true;
    abort();
  }

  private void expire() {
    expired = true;
    abort();
  }

  private void abort() {
    for (Runnable action : abortActions) {
      try {
        action.run();
      } catch (RuntimeException ignored) {
        // aborting is best-effort: the worker sees the stop at its next checkpoint
      }
    }
    Thread w = worker;
    if (w != null) {
      w.interrupt();
    }
  }

  private DeadlineExceededException timedOut() {
    return new DeadlineExceededException("timed out after " + GoDuration.format(timeout));
  }

  /** Stops the watchdog and clears the worker's interrupt left by a late abort. */
  @Override
  public void close() {
    boolean isWorker = Thread.currentThread() == worker;
    watchdog.shutdownNow();
    try {
      // an abort already running on the watchdog may still interrupt the worker: let it end first
      if (isWorker) {
        Thread.interrupted();
      }
      watchdog.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      // the worker's own interrupt from a late abort: cleared below
    }
    if (isWorker) {
      Thread.interrupted();
    }
    worker = null;
  }
}
