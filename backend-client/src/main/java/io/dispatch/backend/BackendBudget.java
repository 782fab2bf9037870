package io.dispatch.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The most the deployment may spend waiting on the backend over one run ({@link
 * BackendConfig#budget()}, 1.8 s by default): the waits for {@code ask-domain} answers and for the
 * queue to drain at the end. Time is measured on the run's clock. Once the budget is spent the
 * deployment no longer waits at all; the calls already in the background carry on without it.
 */
final class BackendBudget {

  private final Clock clock;
  private final Duration total;
  private final AtomicReference<Duration> spent = new AtomicReference<>(Duration.ZERO);

  BackendBudget(Clock clock, Duration total) {
    this.clock = clock;
    this.total = total;
  }

  /** The whole budget, for messages. */
  Duration total() {
    return total;
  }

  /** What is left; zero once spent. */
  Duration left() {
    Duration left = total.minus(spent.get());
    return left.isNegative() ? Duration.ZERO : left;
  }

  boolean isSpent() {
    return left().isZero();
  }

  /** The shorter of {@code wanted} and what is left. */
  Duration bounded(Duration wanted) {
    Duration left = left();
    return wanted.compareTo(left) < 0 ? wanted : left;
  }

  /** Runs {@code wait}, which the deployment waits for, and charges the time it took. */
  <T> T charge(Supplier<T> wait) {
    Instant started = clock.instant();
    try {
      return wait.get();
    } finally {
      Duration took = Duration.between(started, clock.instant());
      if (!took.isNegative()) {
        spent.accumulateAndGet(took, Duration::plus);
      }
    }
  }
}
