package io.dispatch.lifecycle.nats;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.dispatch.lifecycle.nats.FakeSink.Answer;
import io.dispatch.lifecycle.nats.Publisher.Outgoing;
import io.dispatch.testdata.LogCapture;
import io.dispatch.testdata.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The publisher's bounds, with a fake bus and a clock the test moves: what is dropped, what close
 * waits for, what it gives up on, and the one warning that says so. (A hang guard on each test;
 * durations are measured by bench/nats.sh, never here.)
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PublisherTest {

  private static final Duration BUDGET = Duration.ofMillis(1500);
  private final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
  private LogCapture logs;

  @BeforeEach
  void capture() {
    logs = LogCapture.of("io.dispatch.lifecycle.nats");
  }

  @AfterEach
  void release() {
    logs.close();
  }

  private static Outgoing line(String text) {
    return new Outgoing("log", () -> text.getBytes(StandardCharsets.UTF_8), text.length(), true);
  }

  private static Outgoing event(String text) {
    return new Outgoing("event", () -> text.getBytes(StandardCharsets.UTF_8), 0, false);
  }

  private List<String> warnings() {
    return logs.messages(Level.WARN);
  }

  /** Closes on another thread and moves the clock past the budget until close gives up. */
  private void closeGivingUp(Publisher publisher) throws InterruptedException {
    Thread closing = new Thread(() -> publisher.close(BUDGET));
    closing.start();
    while (closing.isAlive()) {
      clock.advance(Duration.ofMillis(500));
      closing.join(20);
    }
  }

  @Test
  void messagesAreSentInOrderAndCloseWaitsForEveryAcknowledgement() {
    FakeSink sink = FakeSink.answering(Answer.ACK);
    Publisher publisher = new Publisher(sink, Clock.systemUTC(), 1 << 20, 4, "nats://x").start();

    IntStream.rangeClosed(1, 500).forEach(i -> publisher.offer(line("line " + i)));
    publisher.offer(event("end"));
    publisher.close(Duration.ofMinutes(1));

    assertThat(sink.sent).hasSize(501);
    assertThat(sink.sent.get(0).body()).isEqualTo("line 1");
    assertThat(sink.sent.get(499).body()).isEqualTo("line 500");
    assertThat(sink.sent.get(500).body()).isEqualTo("end");
    assertThat(publisher.counts()).containsExactly(501, 0, 501, 0);
    assertThat(sink.closed.getCount()).isZero();
    assertThat(warnings()).isEmpty();
  }

  @Test
  void linesThatDoNotFitAreDroppedEventsAlwaysFitAndOneWarningCountsThem() {
    FakeSink sink = FakeSink.connectingSlowly();
    Publisher publisher = new Publisher(sink, Clock.systemUTC(), 100, 4, "nats://x").start();

    for (int i = 0; i < 30; i++) {
      publisher.offer(line("line " + (10 + i))); // 7 bytes each: 14 fit in 100
    }
    boolean eventAccepted = publisher.offer(event("finished"));
    sink.connectReleased.countDown();
    publisher.close(Duration.ofMinutes(1));

    assertThat(eventAccepted).isTrue();
    assertThat(sink.sent).hasSize(15);
    assertThat(sink.sent.get(13).body()).isEqualTo("line 23");
    assertThat(sink.sent.get(14).body()).isEqualTo("finished");
    assertThat(warnings())
        .containsExactly("NATS: 16 of 31 message(s) not published: 16 dropped (buffer full)");
  }

  @Test
  void aBurstOfLinesWaitsForOneAcknowledgementPerCheckpointAndTheLast() {
    FakeSink sink = FakeSink.connectingSlowly();
    Publisher publisher = new Publisher(sink, Clock.systemUTC(), 1 << 20, 256, "nats://x").start();

    IntStream.rangeClosed(1, 200).forEach(i -> publisher.offer(line("line " + i)));
    sink.connectReleased.countDown();
    publisher.close(Duration.ofMinutes(1));

    assertThat(sink.sent).hasSize(200);
    assertThat(sink.sent.stream().filter(FakeSink.Sent::acknowledged).map(FakeSink.Sent::body))
        .containsExactly("line 64", "line 128", "line 192", "line 200");
    assertThat(publisher.counts()).containsExactly(200, 0, 200, 0);
    assertThat(warnings()).isEmpty();
  }

  @Test
  void aRefusedCheckpointCountsEveryLineItWasToConfirm() {
    FakeSink sink = FakeSink.connectingSlowly(Answer.REFUSE);
    Publisher publisher = new Publisher(sink, Clock.systemUTC(), 1 << 20, 256, "nats://x").start();

    IntStream.rangeClosed(1, 100).forEach(i -> publisher.offer(line("line " + i)));
    sink.connectReleased.countDown();
    publisher.close(Duration.ofMinutes(1));

    assertThat(publisher.counts()).containsExactly(100, 0, 0, 100);
    assertThat(warnings())
        .singleElement()
        .asString()
        .startsWith("NATS: 100 of 100 message(s) not published: 100 not acknowledged: ");
  }

  @Test
  void offeringNeverBlocksWhileTheBusNeverAnswersAndCloseGivesUpAtTheBudget()
      throws InterruptedException {
    FakeSink sink = FakeSink.answering(Answer.NEVER);
    Publisher publisher = new Publisher(sink, clock, 1 << 20, 2, "nats://x").start();

    for (int i = 0; i < 1000; i++) {
      publisher.offer(line("line " + i));
    }
    closeGivingUp(publisher);

    assertThat(warnings())
        .singleElement()
        .asString()
        .isEqualTo("NATS: 1000 of 1000 message(s) not published: 1000 unconfirmed after 1500 ms");
    assertThat(sink.closed.await(10, TimeUnit.SECONDS)).as("the connection is closed").isTrue();
  }

  @Test
  void aConnectionThatNeverCompletesIsAbandonedAtTheBudget() throws InterruptedException {
    FakeSink sink = FakeSink.connectingSlowly();
    Publisher publisher = new Publisher(sink, clock, 1 << 20, 4, "nats://x").start();
    publisher.offer(event("started"));

    closeGivingUp(publisher);

    assertThat(warnings())
        .containsExactly(
            "NATS: nothing published (1 message(s)): nats://x did not complete the connection"
                + " in time");
    assertThat(sink.connectInterrupted.await(10, TimeUnit.SECONDS))
        .as("the connecting thread is interrupted")
        .isTrue();
  }

  @Test
  void aConnectionThatFailsIsOneWarningWithItsReasonAndNothingIsSent() {
    FakeSink sink = FakeSink.failingToConnect(new IOException("Connection refused"));
    Publisher publisher = new Publisher(sink, clock, 1 << 20, 4, "nats://x").start();

    publisher.offer(event("started"));
    publisher.offer(line("a line"));
    publisher.close(BUDGET);

    assertThat(sink.sent).isEmpty();
    assertThat(warnings())
        .containsExactly(
            "NATS: nothing published (2 message(s)): cannot connect to nats://x: Connection refused");
  }

  @Test
  void refusedMessagesAreCountedWithTheFirstReason() {
    FakeSink sink = FakeSink.answering(Answer.REFUSE);
    Publisher publisher = new Publisher(sink, clock, 1 << 20, 4, "nats://x").start();

    publisher.offer(event("started"));
    publisher.offer(line("a line"));
    publisher.close(BUDGET);

    assertThat(sink.sent).hasSize(2);
    assertThat(warnings())
        .containsExactly(
            "NATS: 2 of 2 message(s) not published: 2 not acknowledged: Error Publishing: 503 No"
                + " Responders Available For Request (no JetStream stream takes these subjects)");
  }

  @Test
  void aRunStoppedByItsDeadlineStillFlushesAndKeepsItsInterrupt() {
    FakeSink sink = FakeSink.answering(Answer.ACK);
    Publisher publisher = new Publisher(sink, Clock.systemUTC(), 1 << 20, 4, "nats://x").start();
    publisher.offer(line("the failed step"));

    Thread.currentThread().interrupt();
    publisher.close(Duration.ofMinutes(1));

    assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
    assertThat(sink.sent).extracting(FakeSink.Sent::body).containsExactly("the failed step");
  }

  @Test
  void nothingIsQueuedAfterClose() {
    FakeSink sink = FakeSink.answering(Answer.ACK);
    Publisher publisher = new Publisher(sink, Clock.systemUTC(), 1 << 20, 4, "nats://x").start();
    publisher.close(Duration.ofMinutes(1));

    assertThat(publisher.offer(line("late"))).isFalse();
    assertThat(sink.sent).isEmpty();
    assertThat(warnings()).isEmpty();
  }
}
