package io.dispatch.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.testdata.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryingCallTest {

  private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

  private final TestClock clock = new TestClock(START);
  private final List<Duration> pauses = new ArrayList<>();
  private final List<Instant> attemptDeadlines = new ArrayList<>();
  private final RetryingCall retrying =
      new RetryingCall(
          clock,
          ATTEMPT_TIMEOUT,
          d -> {
            pauses.add(d);
            clock.advance(d);
          });

  private static BackendException serverError() {
    return new BackendException("PUT /x: HTTP 503", 503, true, null);
  }

  /** An attempt that fails with {@code failures} in turn, then answers {@code "ok"}. */
  private RetryingCall.Attempt<String> failingWith(BackendException... failures) {
    List<BackendException> left = new ArrayList<>(List.of(failures));
    return deadline -> {
      attemptDeadlines.add(deadline);
      if (!left.isEmpty()) {
        throw left.remove(0);
      }
      return "ok";
    };
  }

  @Test
  void aTransientFailureIsTriedAgainAfter10MsThen50Ms() {
    assertThatThrownBy(
            () ->
                retrying.call(
                    failingWith(serverError(), serverError(), serverError()), START.plusSeconds(9)))
        .isInstanceOf(BackendException.class)
        .hasMessage("PUT /x: HTTP 503 (after 3 attempts)")
        .matches(e -> ((BackendException) e).status() == 503)
        .matches(e -> ((BackendException) e).retryable());

    assertThat(pauses).containsExactly(Duration.ofMillis(10), Duration.ofMillis(50));
    assertThat(attemptDeadlines).hasSize(RetryingCall.ATTEMPTS);
  }

  @Test
  void aCallThatRecoversReturnsItsAnswerAfterTheRetry() throws Exception {
    String answer = retrying.call(failingWith(serverError()), START.plusSeconds(9));

    assertThat(answer).isEqualTo("ok");
    assertThat(pauses).containsExactly(Duration.ofMillis(10));
  }

  @Test
  void aFinalFailureIsNotRetriedAndKeepsItsMessage() {
    BackendException invalid = new BackendException("PUT /x: HTTP 422: bad", 422, false, null);

    assertThatThrownBy(() -> retrying.call(failingWith(invalid), START.plusSeconds(9)))
        .isSameAs(invalid);
    assertThat(pauses).isEmpty();
  }

  @Test
  void aPauseThatWouldEndPastTheDeadlineIsNotTaken() {
    assertThatThrownBy(
            () ->
                retrying.call(
                    failingWith(serverError(), serverError(), serverError()), START.plusMillis(30)))
        .hasMessage("PUT /x: HTTP 503 (after 2 attempts)");

    assertThat(pauses).containsExactly(Duration.ofMillis(10));
  }

  @Test
  void eachAttemptGetsTheAttemptTimeoutButNeverPassesTheCallsDeadline() throws Exception {
    retrying.call(failingWith(serverError()), START.plusSeconds(5));
    retrying.call(failingWith(), START.plusSeconds(1));

    assertThat(attemptDeadlines)
        .containsExactly(
            START.plus(ATTEMPT_TIMEOUT),
            START.plusMillis(10).plus(ATTEMPT_TIMEOUT),
            START.plusSeconds(1));
  }

  @Test
  void anInterruptedPauseEndsTheRetriesAndKeepsTheInterrupt() {
    RetryingCall interrupted =
        new RetryingCall(
            clock,
            ATTEMPT_TIMEOUT,
            d -> {
              throw new InterruptedException();
            });
    try {
      assertThatThrownBy(
              () ->
                  interrupted.call(failingWith(serverError(), serverError()), START.plusSeconds(9)))
          .hasMessage("PUT /x: HTTP 503");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void backgroundCallsMayTakeEveryAttemptsWholeTimeout() {
    assertThat(retrying.allAttempts()).isEqualTo(ATTEMPT_TIMEOUT.multipliedBy(3));
  }
}
