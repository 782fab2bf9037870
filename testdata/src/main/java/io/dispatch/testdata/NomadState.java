package io.dispatch.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Nomad double's objects, each with the raft index at which it last changed, and blocking reads
 * over them the way Nomad answers them: a read whose {@code index} is at least the object's index
 * is held until the object changes or its {@code wait} runs out.
 */
final class NomadState {

  /** One stored object and the index at which it was written. */
  record Entry(JsonNode body, long index) {}

  private final Map<String, Entry> objects = new HashMap<>();
  private final Map<NomadEndpoint, Integer> held = new HashMap<>();
  private long index;
  private boolean closed;

  /** Runs {@code changes} as one: readers woken by the first see the last too. */
  synchronized void atomically(Runnable changes) {
    changes.run();
  }

  /** Stores {@code body} under {@code key} at {@code at} and wakes the reads waiting for it. */
  synchronized void put(String key, JsonNode body, long at) {
    index = Math.max(index, at);
    objects.put(key, new Entry(body, at));
    notifyAll();
  }

  synchronized void remove(String key) {
    objects.remove(key);
    index++;
    notifyAll();
  }

  synchronized Entry get(String key) {
    return objects.get(key);
  }

  /** The highest index written so far, at least 1 (Nomad never answers with index 0). */
  synchronized long index() {
    return Math.max(index, 1);
  }

  /**
   * The object under {@code key} once its index is above {@code minIndex}, or as it is when {@code
   * wait} runs out (or the double closes). A {@code minIndex} of 0 answers at once.
   */
  synchronized Entry await(String key, long minIndex, Duration wait, NomadEndpoint endpoint)
      throws InterruptedException {
    if (minIndex <= 0) {
      return objects.get(key);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    held.merge(endpoint, 1, Integer::sum);
    notifyAll();
    try {
      while (!closed) {
        Entry entry = objects.get(key);
        if (entry != null && entry.index() > minIndex) {
          return entry;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return objects.get(key);
    } finally {
      held.merge(endpoint, -1, Integer::sum);
      notifyAll();
    }
  }

  /** Whether a read of {@code endpoint} is being held right now. */
  synchronized boolean isHeld(NomadEndpoint endpoint) {
    return held.getOrDefault(endpoint, 0) > 0;
  }

  /** Waits until at least one read of {@code endpoint} is being held; false on timeout. */
  synchronized boolean awaitHeld(NomadEndpoint endpoint, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (held.getOrDefault(endpoint, 0) == 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Forgets every object; held reads answer with what they find. */
  synchronized void clear() {
    objects.clear();
    index = 0;
    notifyAll();
  }

  synchronized void close() {
    closed = true;
    notifyAll();
  }
}
