package io.dispatch.lifecycle.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NATS client (jnats) behind the publisher: connects with the NKey seed, publishes to the
 * subjects a JetStream stream stores, and waits for the stream's acknowledgement where asked. The
 * only class that touches the client library; it is loaded only when NATS is configured.
 */
final class JetStreamSink implements Sink {

  private static final Logger log = LoggerFactory.getLogger(JetStreamSink.class);

  /** How long one connection attempt may take; the earlier implementation's reconnect policy. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  static final int MAX_RECONNECTS = 5;
  static final Duration RECONNECT_WAIT = Duration.ofSeconds(2);

  private final NatsSettings settings;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private Connection connection;
  private JetStream jetStream;

  JetStreamSink(NatsSettings settings) {
    this.settings = settings;
    ThreadFactory daemons = daemonThreads();
    this.executor = Executors.newCachedThreadPool(daemons);
    this.scheduler = Executors.newScheduledThreadPool(1, daemons);
  }

  @Override
  public void connect() throws Exception {
    Options options =
        new Options.Builder()
            .servers(settings.servers().toArray(String[]::new))
            .authHandler(Nats.staticCredentials(null, settings.seed().toCharArray()))
            .connectionName("dispatch-orchestrator")
            .connectionTimeout(CONNECT_TIMEOUT)
            .maxReconnects(MAX_RECONNECTS)
            .reconnectWait(RECONNECT_WAIT)
            // one flush per batch the writer sends, not one per message
            .dontForceFlushOnRequest()
            .executor(executor)
            .scheduledExecutor(scheduler)
            .connectThreadFactory(daemonThreads())
            .callbackThreadFactory(daemonThreads())
            .errorListener(new QuietErrors())
            .connectionListener(
                (Connection c, ConnectionListener.Events event) ->
                    log.debug("NATS connection: {}", event))
            .build();
    connection = Nats.connect(options);
    jetStream = connection.jetStream();
  }

  @Override
  public CompletionStage<?> publish(String subject, byte[] body) {
    return jetStream.publishAsync(subject, body);
  }

  @Override
  public void send(String subject, byte[] body) {
    connection.publish(subject, body);
  }

  @Override
  public void close() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.debug("closing the NATS connection failed", e);
    } finally {
      executor.shutdownNow();
      scheduler.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "nats-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The client's own reports go to the debug log; the publisher says what was lost. */
  private static final class QuietErrors implements ErrorListener {
    @Override
    public void errorOccurred(Connection conn, String error) {
      log.debug("NATS error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
      log.debug("NATS exception: {}", exp.toString());
    }
  }
}
