package io.dispatch.lifecycle.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.testdata.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one retry loop, on a clock that only its pauses move: exact schedules, no sleeping. */
class RetryScheduleTest {

  /** A caller's failure: retryable or not, maybe asking for a longer pause. */
  static final class Failure extends RuntimeException {
    final boolean retryable;
    final Duration retryAfter;

    Failure(String message, boolean retryable, Duration retryAfter) {
      super(message);
      this.retryable = retryable;
      this.retryAfter = retryAfter;
    }
  }

  /** The caller's side: classifies {@link Failure}s and records what the loop tells it. */
  static final class Recorder implements RetrySchedule.Policy<Failure> {
    final List<Duration> pauses = new ArrayList<>();
    int exhaustedAfter;
    Duration exhaustedIn;

    @Override
    public Class<Failure> failures() {
      return Failure.class;
    }

    @Override
    public boolean retryable(Failure failure) {
      return failure.retryable;
    }

    @Override
    public Duration notBefore(Failure failure) {
      return failure.retryAfter;
    }

    @Override
    public void retrying(Failure failure, Duration pause) {
      pauses.add(pause);
    }

    @Override
    public RuntimeException exhausted(Failure failure, int attempts, Duration elapsed) {
      exhaustedAfter = attempts;
      exhaustedIn = elapsed;
      return new IllegalStateException(failure.getMessage() + " (" + attempts + " attempts)");
    }
  }

  private final TestClock clock = new TestClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final RunControl control =
      RunControl.start(clock, Duration.ofSeconds(20), clock::advance);
  private final Recorder policy = new Recorder();
  private int tries;

  @AfterEach
  void endRun() {
    control.close();
    Thread.interrupted();
  }

  private static Failure retryable() {
    return new Failure("503 busy", true, Duration.ZERO);
  }

  @Test
  void pausesGrowFromTheFirstDelayUpToTheMaximum() {
    RetrySchedule doubling =
        RetrySchedule.doubling(
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1));

    assertThat(List.of(1, 2, 3, 4, 5, 6, 40))
        .extracting(doubling::pauseAfter)
        .containsExactly(
            Duration.ofMillis(20),
            Duration.ofMillis(40),
            Duration.ofMillis(80),
            Duration.ofMillis(160),
            Duration.ofMillis(200),
            Duration.ofMillis(200),
            Duration.ofMillis(200));
    assertThat(
            new RetrySchedule(Duration.ofMillis(5), 1, Duration.ofMillis(5), Duration.ZERO, 3)
                .pauseAfter(9))
        .isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void aRetryableFailureIsRetriedUntilTheNextPauseWouldEndPastTheWindow() {
    RetrySchedule schedule =
        RetrySchedule.doubling(
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(600));

    assertThatThrownBy(
            () ->
                schedule.run(
                    control,
                    policy,
                    () -> {
                      tries++;
                      throw retryable();
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("503 busy (6 attempts)");
    assertThat(tries).isEqualTo(6);
    assertThat(policy.pauses)
        .containsExactly(
            Duration.ofMillis(20),
            Duration.ofMillis(40),
            Duration.ofMillis(80),
            Duration.ofMillis(160),
            Duration.ofMillis(200));
    assertThat(policy.exhaustedAfter).isEqualTo(6);
    assertThat(policy.exhaustedIn).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aFailureThatIsNotRetryableIsThrownAtOnceAsItIs() {
    Failure refused = new Failure("400 bad job", false, Duration.ZERO);
    RetrySchedule schedule =
        RetrySchedule.doubling(
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5));

    assertThatThrownBy(
            () ->
                schedule.run(
                    control,
                    policy,
                    () -> {
                      tries++;
                      throw refused;
                    }))
        .isSameAs(refused);
    assertThat(tries).isEqualTo(1);
    assertThat(policy.pauses).isEmpty();
  }

  @Test
  void exceptionsThePolicyDoesNotKnowAreNeverRetried() {
    RetrySchedule schedule =
        RetrySchedule.doubling(
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5));

    assertThatThrownBy(
            () ->
                schedule.run(
                    control,
                    policy,
                    () -> {
                      tries++;
                      throw new IllegalArgumentException("a bug");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tries).isEqualTo(1);
  }

  @Test
  void aSuccessAfterRetriesReturnsItsValue() {
    RetrySchedule schedule =
        RetrySchedule.doubling(
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5));

    String value =
        schedule.run(
            control,
            policy,
            () -> {
              if (++tries < 3) {
                throw retryable();
              }
              return "ok";
            });

    assertThat(value).isEqualTo("ok");
    assertThat(policy.pauses).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
  }

  @Test
  void maxAttemptsBoundsTheTriesWithinAWideWindow() {
    RetrySchedule three =
        new RetrySchedule(
            Duration.ofMillis(10), 2, Duration.ofSeconds(10), Duration.ofMinutes(1), 3);

    assertThatThrownBy(
        () ->
            three.run(
                control,
                policy,
                () -> {
                  tries++;
                  throw retryable();
                }));
    assertThat(tries).isEqualTo(3);
    assertThat(policy.pauses).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  @Test
  void aFailureAskingForALongerPauseGetsIt() {
    RetrySchedule schedule =
        new RetrySchedule(
            Duration.ofMillis(10), 2, Duration.ofSeconds(10), Duration.ofMinutes(1), 2);

    assertThatThrownBy(
        () ->
            schedule.run(
                control,
                policy,
                () -> {
                  tries++;
                  throw new Failure("429", true, Duration.ofSeconds(3));
                }));
    assertThat(policy.pauses).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void theRunsDeadlineCutsAPauseShort() {
    RetrySchedule patient =
        RetrySchedule.doubling(
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(5));

    assertThatThrownBy(
            () ->
                patient.run(
                    control,
                    policy,
                    () -> {
                      tries++;
                      throw retryable();
                    }))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessage("timed out after 20s");
    assertThat(tries).isEqualTo(1);
    assertThat(Duration.between(Instant.parse("2026-01-05T10:00:00Z"), clock.instant()))
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aCancelledRunStopsRetrying() {
    RetrySchedule schedule =
        RetrySchedule.doubling(
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5));

    assertThatThrownBy(
            () ->
                schedule.run(
                    control,
                    policy,
                    () -> {
                      tries++;
                      control.cancel();
                      throw retryable();
                    }))
        .isInstanceOf(CancelledException.class);
    assertThat(tries).isEqualTo(1);
  }
}
