package io.dispatch.lifecycle.nats;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What became of a run's messages, and the one warning that says what was lost and why. */
final class Tally {

  private static final Logger log = LoggerFactory.getLogger(Tally.class);

  final AtomicLong offered = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  volatile String connectFailure;
  volatile boolean connected;

  /** {@code messages} were not acknowledged, because of {@code error}. */
  void refused(Throwable error, long messages) {
    failed.addAndGet(messages);
    firstFailure.compareAndSet(null, Reasons.of(error));
  }

  /** Offered, dropped, acknowledged, refused. */
  long[] counts() {
    return new long[] {offered.get(), dropped.get(), acknowledged.get(), failed.get()};
  }

  /**
   * Logs one warning if anything offered was not acknowledged.
   *
   * @param finished whether the sender finished within {@code budget}
   */
  void warnIfLost(String destination, Duration budget, boolean finished) {
    long total = offered.get();
    long lost = total - acknowledged.get();
    if (lost <= 0) {
      return;
    }
    if (connectFailure != null) {
      log.warn(
          "NATS: nothing published ({} message(s)): cannot connect to {}: {}",
          total,
          destination,
          connectFailure);
      return;
    }
    if (!connected) {
      log.warn(
          "NATS: nothing published ({} message(s)): {} did not complete the connection in time",
          total,
          destination);
      return;
    }
    StringBuilder why = new StringBuilder();
    if (dropped.get() > 0) {
      why.append(dropped.get()).append(" dropped (buffer full)");
    }
    if (failed.get() > 0) {
      why.append(why.isEmpty() ? "" : ", ")
          .append(failed.get())
          .append(" not acknowledged: ")
          .append(Reasons.hint(firstFailure.get()));
    }
    long unconfirmed = lost - dropped.get() - failed.get();
    if (unconfirmed > 0) {
      why.append(why.isEmpty() ? "" : ", ")
          .append(unconfirmed)
          .append(finished ? " unconfirmed" : " unconfirmed after " + budget.toMillis() + " ms");
    }
    log.warn("NATS: {} of {} message(s) not published: {}", lost, total, why);
  }
}
