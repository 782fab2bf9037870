package io.dispatch.lifecycle.nomad;

import com.hashicorp.nomad.javasdk.NomadException;
import com.hashicorp.nomad.javasdk.QueryOptions;
import com.hashicorp.nomad.javasdk.ServerQueryResponse;
import com.hashicorp.nomad.javasdk.WaitStrategy;
import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.math.BigInteger;
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

  /** One read with the given options. */
  @FunctionalInterface
  interface Read<T> {
    ServerQueryResponse<T> read(QueryOptions<T> options) throws IOException, NomadException;
  }

  /** The last value read, and whether it satisfied the condition before the deadline. */
  record Result<T>(T value, boolean done) {}

  private final NomadCalls calls;
  private final RunControl control;
  private final NomadSettings settings;
  private final Clock clock;

  BlockingReads(NomadConnection connection) {
    this.calls = connection.calls();
    this.control = connection.control();
    this.settings = connection.settings();
    this.clock = control.clock();
  }

  /**
   * Reads until {@code done} holds for the value (which may be null, e.g. no deployment yet) or
   * {@code deadline} passes; at least one read is made.
   */
  <T> Result<T> until(String what, Read<T> read, Predicate<T> done, Supplier<Instant> deadline) {
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
      QueryOptions<T> options = new QueryOptions<>();
      if (index > 0) {
        options.setIndex(BigInteger.valueOf(index));
        options.setWaitStrategy(fixedWait(min(settings.blockingWait(), left)));
      }
      ServerQueryResponse<T> response = calls.call(what, () -> read.read(options));
      last = response.getValue();
      if (done.test(last)) {
        return new Result<>(last, true);
      }
      long next = indexOf(response);
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

  /** The response's {@code X-Nomad-Index}, or 0 when it is missing or unreadable. */
  static long indexOf(ServerQueryResponse<?> response) {
    try {
      BigInteger index = response.getIndex();
      return index == null ? 0 : index.longValue();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** {@code wait=<n>ms}, exactly; the SDK's own strategies count down from their creation. */
  static WaitStrategy fixedWait(Duration wait) {
    long ms = Math.max(1, wait.toMillis());
    return new WaitStrategy() {
      @Override
      public String getWait() {
        return ms + "ms";
      }
    };
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
