package io.dispatch.lifecycle.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatch.testdata.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What blocking work registers so that it returns when the run stops or its own time is up. */
class RunControlAbortTest {

  private final RunControl control =
      RunControl.start(new TestClock(Instant.parse("2026-12-02T10:00:00Z")), Duration.ofHours(1));

  @AfterEach
  void close() {
    control.close();
  }

  @Test
  void anAbortActionRunsWhenTheRunIsCancelled() {
    AtomicInteger ran = new AtomicInteger();
    control.onAbort(ran::incrementAndGet);

    control.cancel();
    Thread.interrupted(); // cancelling interrupts the worker, this thread

    assertThat(ran).hasValue(1);
  }

  @Test
  void aClosedHookNoLongerRuns() {
    AtomicInteger ran = new AtomicInteger();
    RunControl.AbortHook hook = control.onAbort(ran::incrementAndGet);

    hook.close();
    control.cancel();
    Thread.interrupted();

    assertThat(ran).hasValue(0);
  }

  @Test
  void aHookRegisteredOnceTheRunHasStoppedRunsAtOnce() {
    control.cancel();
    Thread.interrupted();
    AtomicInteger ran = new AtomicInteger();

    control.onAbort(ran::incrementAndGet).close();

    assertThat(ran).hasValue(1);
  }

  @Test
  void aRequestsOwnLimitEndsItWhileTheRunGoesOn() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);

    RunControl.AbortHook hook = control.onAbortOrAfter(Duration.ofMillis(1), ran::countDown);

    assertThat(ran.await(10, TimeUnit.SECONDS)).as("the action ran").isTrue();
    hook.close();
    assertThat(control.isStopping()).isFalse();
  }

  @Test
  void aRequestWithTimeLeftStillEndsWhenTheRunIsCancelled() {
    AtomicInteger ran = new AtomicInteger();
    RunControl.AbortHook hook =
        control.onAbortOrAfter(Duration.ofMinutes(30), ran::incrementAndGet);

    control.cancel();
    Thread.interrupted();
    hook.close();

    assertThat(ran).hasValue(1);
  }

  @Test
  void aRequestAfterTheRunIsClosedGetsNoTimerAndNoFailure() {
    control.close();
    AtomicInteger ran = new AtomicInteger();

    control.onAbortOrAfter(Duration.ofMillis(1), ran::incrementAndGet).close();

    assertThat(ran).hasValue(0);
  }
}
