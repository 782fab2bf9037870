package io.dispatch.orchestrator;

import io.dispatch.lifecycle.run.RunControl;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets a signal stop the run: {@link #stop} cancels the running task and waits, bounded, until it
 * has reported the cancelled step and cleaned up.
 */
final class RunHandle {

  private final AtomicReference<RunControl> control = new AtomicReference<>();
  private final CountDownLatch finished = new CountDownLatch(1);

  void attach(RunControl runControl) {
    control.set(runControl);
  }

  void finished() {
    finished.countDown();
  }

  boolean isFinished() {
    return finished.getCount() == 0;
  }

  /** Cancels the run and waits up to {@code grace} for it to finish. */
  boolean stop(Duration grace) {
    RunControl c = control.get();
    if (c != null) {
      c.cancel();
    }
    try {
      return finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
