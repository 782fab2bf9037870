package io.dispatch.testdata;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Errors the Nomad double answers with instead of the scenario's response. */
final class NomadFaults {

  /** An HTTP error with Nomad's plain-text message, or a connection reset when status is 0. */
  record Fault(int status, String message) {
    static Fault reset() {
      return new Fault(0, "");
    }

    boolean isReset() {
      return status == 0;
    }
  }

  private final Map<NomadEndpoint, Deque<Fault>> next = new EnumMap<>(NomadEndpoint.class);
  private final Map<NomadEndpoint, Fault> always = new EnumMap<>(NomadEndpoint.class);

  synchronized void addNext(NomadEndpoint endpoint, int times, Fault fault) {
    Deque<Fault> queue = next.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.add(fault);
    }
  }

  synchronized void setAlways(NomadEndpoint endpoint, Fault fault) {
    always.put(endpoint, fault);
  }

  /** The fault for the next request to {@code endpoint}, if any. */
  synchronized Optional<Fault> take(NomadEndpoint endpoint) {
    Deque<Fault> queue = next.get(endpoint);
    if (queue != null && !queue.isEmpty()) {
      return Optional.of(queue.poll());
    }
    return Optional.ofNullable(always.get(endpoint));
  }

  synchronized void clear() {
    next.clear();
    always.clear();
  }
}
