package io.dispatch.backend;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.dispatch.testdata.LogCapture;
import io.dispatch.testdata.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the sender composes retries, the budget and the breaker, on the run's clock. */
class BackendSenderTest {

  private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

  private final TestClock clock = new TestClock(START);
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final LogCapture logs = LogCapture.of("io.dispatch.backend");
  private final BackendSender sender =
      new BackendSender(
          new BackendConfig(
              URI.create("http://127.0.0.1:1"),
              "token",
              Duration.ofSeconds(1),
              Duration.ofSeconds(3),
              Duration.ofMillis(1800)),
          clock,
          (call, reason) -> heard.add(call + ": " + reason),
          d -> {
            pauses.add(d);
            clock.advance(d);
          });

  @AfterEach
  void tearDown() {
    logs.close();
  }

  /** An answer that takes {@code took} on the run's clock; the deadline it was given is kept. */
  private RetryingCall.Attempt<String> answering(
      String answer, Duration took, List<Instant> given) {
    return deadline -> {
      given.add(deadline);
      clock.advance(took);
      return answer;
    };
  }

  private RetryingCall.Attempt<String> unavailable(List<Instant> given) {
    return deadline -> {
      given.add(deadline);
      throw new BackendException("GET /x: connection refused", 0, true, null);
    };
  }

  @Test
  void whatTheDeploymentWaitsComesOutOfTheBudgetAsTheRunsClockMeasuresIt() {
    List<Instant> given = new ArrayList<>();

    Optional<String> first = sender.waitFor("ask-domain (a)", answering("app-1", ms(1000), given));
    Optional<String> second = sender.waitFor("ask-domain (b)", answering("app-2", ms(800), given));
    Optional<String> third = sender.waitFor("ask-domain (c)", answering("app-3", ms(1), given));
    sender.close();

    assertThat(first).contains("app-1");
    assertThat(second).contains("app-2");
    assertThat(third).isEmpty();
    assertThat(given)
        .as("each wait ends where the budget does; the third is not sent")
        .containsExactly(START.plusMillis(1800), START.plusMillis(1800));
    assertThat(logs.messages(Level.WARN))
        .containsExactly(
            "backend: ask-domain (c) skipped: the run's 1800 ms for waiting on the backend are"
                + " spent",
            "backend: 1 call(s) skipped because the backend was unavailable");
  }

  @Test
  void twoCallsThatFindNoBackendAfterTheirRetriesStopTheRest() {
    List<Instant> given = new ArrayList<>();

    sender.waitFor("ask-domain (a)", unavailable(given));
    sender.waitFor("ask-domain (b)", unavailable(given));
    sender.waitFor("ask-domain (c)", unavailable(given));

    assertThat(given).as("attempts made").hasSize(2 * RetryingCall.ATTEMPTS);
    assertThat(pauses)
        .as("retried on the run's clock, not the wall's")
        .containsExactly(ms(10), ms(50), ms(10), ms(50));
    assertThat(heard)
        .containsExactly(
            "ask-domain (a): GET /x: connection refused (after 3 attempts)",
            "ask-domain (b): GET /x: connection refused (after 3 attempts)");
    assertThat(sender.failedCalls()).isEqualTo(2);
    assertThat(logs.messages(Level.WARN))
        .contains(
            "backend: unavailable after 2 failed calls; the rest of this run's updates are"
                + " skipped");
  }

  @Test
  void anUnexpectedFailureOnTheQueueIsOneFailedCallAndTheQueueGoesOn() {
    List<String> sent = new CopyOnWriteArrayList<>();

    sender.inBackground(
        "deployment-step deploy/in_progress",
        deadline -> {
          throw new IllegalStateException("a bug");
        });
    sender.inBackground(
        "deployment-step deploy/completed",
        deadline -> {
          sent.add("deploy/completed");
          return null;
        });
    sender.close();

    assertThat(sent).containsExactly("deploy/completed");
    assertThat(sender.failedCalls()).isEqualTo(1);
    assertThat(logs.messages(Level.WARN))
        .containsExactly(
            "backend: deployment-step deploy/in_progress failed: IllegalStateException");
  }

  @Test
  void backgroundCallsAreBoundedByTheirAttemptsNotByTheBudget() {
    List<Instant> given = new CopyOnWriteArrayList<>();

    sender.inBackground(
        "service-update",
        deadline -> {
          given.add(deadline);
          return null;
        });
    sender.close();

    assertThat(given).containsExactly(START.plusSeconds(3));
  }

  @Test
  void aCallQueuedAfterTheRunEndedIsOneWarning() {
    sender.close();

    sender.inBackground("service-update", deadline -> null);

    assertThat(logs.messages(Level.WARN))
        .containsExactly("backend: service-update not sent: the run is over");
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
