package io.dispatch.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatch.testdata.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackendBudgetTest {

  private final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final BackendBudget budget = new BackendBudget(clock, Duration.ofMillis(1800));

  private String waitFor(Duration d) {
    return budget.charge(
        () -> {
          clock.advance(d);
          return "answer";
        });
  }

  @Test
  void theTimeTheDeploymentWaitsIsChargedAsTheRunsClockMeasuresIt() {
    assertThat(waitFor(Duration.ofMillis(500))).isEqualTo("answer");
    waitFor(Duration.ofMillis(300));

    assertThat(budget.left()).isEqualTo(Duration.ofMillis(1000));
    assertThat(budget.isSpent()).isFalse();
  }

  @Test
  void aWaitThatTakesNoTimeOnTheClockCostsNothing() {
    waitFor(Duration.ZERO);

    assertThat(budget.left()).isEqualTo(budget.total());
  }

  @Test
  void aWaitThatOverrunsSpendsTheBudgetAndNothingIsLeftToWaitFor() {
    waitFor(Duration.ofSeconds(3));

    assertThat(budget.left()).isZero();
    assertThat(budget.isSpent()).isTrue();
    assertThat(budget.bounded(Duration.ofSeconds(3))).isZero();
  }

  @Test
  void aCallMayWaitNoLongerThanWhatIsLeft() {
    waitFor(Duration.ofMillis(1500));

    assertThat(budget.bounded(Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(300));
    assertThat(budget.bounded(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aWaitThatFailsIsChargedToo() {
    try {
      budget.charge(
          () -> {
            clock.advance(Duration.ofMillis(700));
            throw new IllegalStateException("boom");
          });
    } catch (IllegalStateException expected) {
      // the failure is the caller's; the time is the budget's
    }

    assertThat(budget.left()).isEqualTo(Duration.ofMillis(1100));
  }
}
