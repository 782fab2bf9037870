package io.dispatch.lifecycle.nats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Sends messages in order on one background thread, so that publishing never holds a step up. The
 * thread connects first; until then, and whenever the bus is slower than the log, messages wait in
 * a bounded buffer. Log lines that do not fit are dropped; events always fit.
 *
 * <p>Every event is acknowledged by the stream. Log lines come in bursts (a build prints thousands
 * at once), so within a burst only every {@link #CHECKPOINT}th line, and the last before the queue
 * runs dry, waits for an acknowledgement; the lines sent before it on the same connection are
 * confirmed with it. Up to {@code window} messages are on their way, unconfirmed, at once.
 *
 * <p>{@link #close} waits for the rest within a budget measured on the injected clock, then gives
 * up; what was lost, and why, is one warning.
 */
final class Publisher {

  private static final long WAIT_SLICE_MILLIS = 20;
  private static final int BATCH = 256;

  /** How long the sender lets a burst gather before sending it; the live log's added delay. */
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** At most this many lines in a row are sent without waiting for an acknowledgement. */
  static final int CHECKPOINT = 64;

  /**
   * A message to send. Its body is made on the publisher's thread.
   *
   * @param size what it takes in the buffer, in bytes (about)
   * @param droppable whether it may be dropped when the buffer is full (log lines)
   */
  record Outgoing(String subject, Supplier<byte[]> body, int size, boolean droppable) {}

  private final Sink sink;
  private final Clock clock;
  private final long capacity;
  private final int window;
  private final String destination;
  private final Semaphore inFlight;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private final Tally tally = new Tally();
  private long unconfirmed;
  private long queuedBytes;
  private boolean ended;
  private Thread thread;

  /**
   * @param capacity how many bytes of log lines may wait
   * @param window how many messages may wait for their acknowledgement at once
   * @param destination where messages go, for the warning (no credentials)
   */
  Publisher(Sink sink, Clock clock, long capacity, int window, String destination) {
    this.sink = sink;
    this.clock = clock;
    this.capacity = capacity;
    this.window = window;
    this.destination = destination;
    this.inFlight = new Semaphore(window);
  }

  /** Starts the background thread, which connects and then sends. */
  Publisher start() {
    thread = new Thread(this::run, "nats-publisher");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Queues a message; never blocks. Returns false when it was dropped or the run is over. */
  boolean offer(Outgoing message) {
    lock.lock();
    try {
      if (ended) {
        return false;
      }
      tally.offered.incrementAndGet();
      if (message.droppable() && queuedBytes + message.size() > capacity) {
        tally.dropped.incrementAndGet();
        return false;
      }
      if (queue.isEmpty()) {
        // the sender waits only on an empty queue: one wake-up per burst, not per message
        available.signal();
      }
      queue.add(message);
      queuedBytes += message.size();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends what is queued, waiting at most {@code budget} on the clock; then gives up, and logs one
   * warning if anything was not published.
   */
  void close(Duration budget) {
    lock.lock();
    try {
      ended = true;
      available.signalAll();
    } finally {
      lock.unlock();
    }
    // A run stopped by its deadline or a signal interrupts its thread; its last lines still
    // deserve the budget.
    boolean wasInterrupted = Thread.interrupted();
    boolean finished = awaitDone(clock.instant().plus(budget));
    if (!finished && thread != null) {
      thread.interrupt();
    }
    if (wasInterrupted) {
      Thread.currentThread().interrupt();
    }
    tally.warnIfLost(destination, budget, finished);
  }

  /** Messages offered, dropped, acknowledged and refused so far, for tests. */
  long[] counts() {
    return tally.counts();
  }

  private boolean awaitDone(Instant until) {
    while (true) {
      long left = Duration.between(clock.instant(), until).toMillis();
      if (left <= 0) {
        return done.getCount() == 0;
      }
      try {
        if (done.await(Math.min(left, WAIT_SLICE_MILLIS), TimeUnit.MILLISECONDS)) {
          return true;
        }
      } catch (InterruptedException e) {
        // keep waiting within the budget; the caller's interrupt is restored by close
      }
    }
  }

  private void run() {
    try {
      sink.connect();
      tally.connected = true;
    } catch (InterruptedException e) {
      sink.close();
      done.countDown();
      return;
    } catch (Exception | LinkageError e) {
      tally.connectFailure = Reasons.of(e);
      sink.close();
      done.countDown();
      return;
    }
    try {
      List<Outgoing> batch = new ArrayList<>(BATCH);
      boolean drained;
      while ((drained = take(batch)) || !batch.isEmpty()) {
        for (int i = 0; i < batch.size(); i++) {
          Outgoing next = batch.get(i);
          inFlight.acquire();
          boolean confirm =
              !next.droppable()
                  || unconfirmed + 1 >= CHECKPOINT
                  || inFlight.availablePermits() == 0
                  || (drained && i == batch.size() - 1);
          send(next, confirm);
        }
        batch.clear();
      }
      inFlight.acquire(window);
    } catch (InterruptedException e) {
      // close gave up waiting: what is left is counted as unsent
    } finally {
      sink.close();
      done.countDown();
    }
  }

  /**
   * Moves up to {@link #BATCH} queued messages into {@code batch}, waiting for one.
   *
   * @return whether that emptied the queue; false with an empty batch once ended and empty
   */
  private boolean take(List<Outgoing> batch) throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty() && !ended) {
        available.await();
      }
      // let a burst gather: one hand-over to the client (and one write to the socket) per batch,
      // not per line
      long linger = LINGER_NANOS;
      while (!ended && queue.size() < BATCH && linger > 0) {
        linger = available.awaitNanos(linger);
      }
      while (batch.size() < BATCH && !queue.isEmpty()) {
        Outgoing next = queue.poll();
        queuedBytes -= next.size();
        batch.add(next);
      }
      return queue.isEmpty() && !batch.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** Sends one message; {@code confirm}: waits for the acknowledgement that covers the others. */
  private void send(Outgoing message, boolean confirm) {
    if (!confirm) {
      try {
        sink.send(message.subject(), message.body().get());
        unconfirmed++;
      } catch (Exception e) {
        inFlight.release();
        tally.refused(e, 1);
      }
      return;
    }
    long covered = unconfirmed + 1;
    unconfirmed = 0;
    try {
      sink.publish(message.subject(), message.body().get())
          .whenComplete(
              (ack, error) -> {
                inFlight.release((int) covered);
                if (error == null) {
                  tally.acknowledged.addAndGet(covered);
                } else {
                  tally.refused(error, covered);
                }
              });
    } catch (Exception e) {
      inFlight.release((int) covered);
      tally.refused(e, covered);
    }
  }
}
