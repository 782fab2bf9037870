package io.dispatch.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The test stream of the real nats-server that {@code scripts/test-services.sh} starts
 * (TEST_NATS_URL, TEST_NATS_SEED, TEST_NATS_STREAM over the subjects under TEST_NATS_PREFIX): the
 * environment a run needs to publish there, and what runs stored in it.
 */
final class NatsStream implements AutoCloseable {

  static final String URL = System.getenv("TEST_NATS_URL");
  static final String SEED = System.getenv("TEST_NATS_SEED");
  static final String STREAM = System.getenv("TEST_NATS_STREAM");
  static final String PREFIX = System.getenv("TEST_NATS_PREFIX");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One stored message, its subject without the prefix. */
  record Msg(String subject, JsonNode body) {
    String text(String field) {
      return body.path(field).asText();
    }
  }

  private final Connection connection;

  private NatsStream(Connection connection) {
    this.connection = connection;
  }

  static NatsStream connect() {
    try {
      return new NatsStream(
          Nats.connect(
              new Options.Builder()
                  .server(URL)
                  .authHandler(Nats.staticCredentials(null, SEED.toCharArray()))
                  .errorListener(new ErrorListener() {})
                  .build()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The variables that make a run publish to the test stream. */
  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("NATS_SERVERS", URL);
    env.put("NATS_CLIENT_PRIVATE_KEY", SEED);
    env.put("NATS_STREAM_PREFIX", PREFIX);
    return env;
  }

  /**
   * The messages stored since {@code since} whose subject (without the prefix) matches {@code
   * subject}, in stream order, up to and including the first that {@code last} accepts, or what
   * arrived within {@code wait}.
   */
  List<Msg> read(Instant since, Predicate<Msg> subject, Predicate<Msg> last, Duration wait)
      throws Exception {
    ConsumerConfiguration config =
        ConsumerConfiguration.builder()
            .deliverPolicy(DeliverPolicy.ByStartTime)
            .startTime(since.atZone(ZoneOffset.UTC))
            .build();
    JetStreamSubscription sub =
        connection
            .jetStream()
            .subscribe(
                PREFIX + ".>",
                PushSubscribeOptions.builder().stream(STREAM)
                    .ordered(true)
                    .configuration(config)
                    .build());
    List<Msg> found = new ArrayList<>();
    Instant until = Instant.now().plus(wait);
    try {
      while (Instant.now().isBefore(until)) {
        Message m = sub.nextMessage(Duration.ofMillis(200));
        if (m == null) {
          continue;
        }
        Msg msg =
            new Msg(m.getSubject().substring(PREFIX.length() + 1), JSON.readTree(m.getData()));
        if (subject.test(msg)) {
          found.add(msg);
          if (last.test(msg)) {
            break;
          }
        }
      }
    } finally {
      sub.unsubscribe();
    }
    return found;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
