package io.dispatch.lifecycle.nats;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A bus for tests: records what is published and answers as told: acknowledge at once, refuse,
 * never answer, or hold the connection until released.
 */
final class FakeSink implements Sink {

  enum Answer {
    ACK,
    REFUSE,
    NEVER
  }

  /** One message sent; {@code acknowledged}: sent waiting for the stream's acknowledgement. */
  record Sent(String subject, String body, boolean acknowledged) {}

  final List<Sent> sent = new CopyOnWriteArrayList<>();
  final CountDownLatch connectReleased = new CountDownLatch(1);
  final CountDownLatch connectInterrupted = new CountDownLatch(1);
  final CountDownLatch closed = new CountDownLatch(1);
  private final Answer answer;
  private final Exception connectFailure;
  private final boolean holdConnect;

  private FakeSink(Answer answer, Exception connectFailure, boolean holdConnect) {
    this.answer = answer;
    this.connectFailure = connectFailure;
    this.holdConnect = holdConnect;
  }

  static FakeSink answering(Answer answer) {
    return new FakeSink(answer, null, false);
  }

  /** A sink whose connection waits for {@link #connectReleased}, then acknowledges everything. */
  static FakeSink connectingSlowly() {
    return connectingSlowly(Answer.ACK);
  }

  /** A sink whose connection waits for {@link #connectReleased}, then answers {@code answer}. */
  static FakeSink connectingSlowly(Answer answer) {
    return new FakeSink(answer, null, true);
  }

  static FakeSink failingToConnect(Exception e) {
    return new FakeSink(Answer.ACK, e, false);
  }

  @Override
  public void connect() throws Exception {
    if (connectFailure != null) {
      throw connectFailure;
    }
    if (holdConnect) {
      try {
        connectReleased.await();
      } catch (InterruptedException e) {
        connectInterrupted.countDown();
        throw e;
      }
    }
  }

  @Override
  public CompletionStage<?> publish(String subject, byte[] body) {
    sent.add(new Sent(subject, new String(body, StandardCharsets.UTF_8), true));
    return switch (answer) {
      case ACK -> CompletableFuture.completedFuture("ack");
      case REFUSE ->
          CompletableFuture.failedFuture(
              new java.io.IOException("Error Publishing: 503 No Responders Available For Request"));
      case NEVER -> new CompletableFuture<>();
    };
  }

  @Override
  public void send(String subject, byte[] body) {
    sent.add(new Sent(subject, new String(body, StandardCharsets.UTF_8), false));
  }

  @Override
  public void close() {
    closed.countDown();
  }
}
