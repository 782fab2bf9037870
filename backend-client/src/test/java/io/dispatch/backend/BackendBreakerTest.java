package io.dispatch.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendBreakerTest {

  private final BackendBreaker breaker = new BackendBreaker();

  private static BackendException unavailable() {
    return new BackendException("GET /x: connection refused", 0, true, null);
  }

  private static BackendException rejected() {
    return new BackendException("PUT /x: HTTP 422", 422, false, null);
  }

  @Test
  void twoCallsInARowThatGetNoUsefulAnswerOpenItForTheRestOfTheRun() {
    assertThat(breaker.failed(unavailable())).isFalse();
    assertThat(breaker.isOpen()).isFalse();

    assertThat(breaker.failed(unavailable())).as("the failure that opens it").isTrue();
    assertThat(breaker.isOpen()).isTrue();

    assertThat(breaker.failed(unavailable())).as("opened once").isFalse();
    breaker.succeeded();
    assertThat(breaker.isOpen()).as("stays open").isTrue();
  }

  @Test
  void aSuccessInBetweenStartsTheCountAgain() {
    breaker.failed(unavailable());
    breaker.succeeded();
    breaker.failed(unavailable());

    assertThat(breaker.isOpen()).isFalse();
  }

  @Test
  void rejectedCallsSayNothingAboutAvailability() {
    breaker.failed(rejected());
    breaker.failed(rejected());
    breaker.failed(unavailable());

    assertThat(breaker.isOpen()).isFalse();
  }
}
