package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.run.RunControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Nomad's blocking queries: read once, then re-read with {@code index} (the last {@code
 * X-Nomad-Index}) and {@code wait}, so that Nomad answers as soon as the object changes. A return
 * is not proof of a change: when the index did not advance, pause briefly before asking again; when
 * it went backwards (a new leader, a restored snapshot), start over from 0.
 */
final class BlockingReads {

  /** One read of a {@link NomadApi} endpoint from a query position. */
  @FunctionalInterface
  interface Read<T> {
    Indexed<T> read(NomadApi.Query query);
  }

  /** The last value read, and whether it satisfied the condition before the deadline. */
  record Result<T>(T value, boolean done) {}

  private final RunControl control;
  private final NomadSettings settings;
  private final Clock clock;

  BlockingReads(RunControl control, NomadSettings settings) {
    this.control = control;
    this.settings = settings;
    this.clock = control.clock();
  }

  /**
   * Reads until {@code done} holds for the value (which may be null, e.g. no deployment yet) or
   * {@code deadline} passes; at least one read is made.
   */
  <T> Result<T> until(Read<T> read, Predicate<T> done, Supplier<Instant> deadline) {
    long index = 0;
    T last = null;
    boolean first = true;
    while (true) {
      control.checkpoint();
      Duration left = control.bounded(Duration.between(clock.instant(), deadline.get()));
      if (!first && (left.isNegative() || left.isZero())) {
        return new Result<>(last, false);
      }
      first = false;
      NomadApi.Query query =
          index > 0
              ? new NomadApi.Query(index, min(settings.blockingWait(), left))
              : NomadApi.Query.NOW;
      Indexed<T> response = read.read(query);
      last = response.value();
      if (done.test(last)) {
        return new Result<>(last, true);
      }
      long next = response.index();
      if (next > index) {
        index = next;
      } else {
        if (next < index) {
          index = 0;
        }
        control.pause(settings.idleBackoff());
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
