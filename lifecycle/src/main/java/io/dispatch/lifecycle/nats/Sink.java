package io.dispatch.lifecycle.nats;

import java.util.concurrent.CompletionStage;

/** Where the publisher's messages go: the one adapter that talks to the bus. */
interface Sink {
  /** Connects; called once, on the publisher's thread. */
  void connect() throws Exception;

  /** Sends one message; the stage completes when the stream has acknowledged storing it. */
  CompletionStage<?> publish(String subject, byte[] body) throws Exception;

  /**
   * Sends one message without an acknowledgement of its own; the next acknowledged message on the
   * same connection, which the stream stores after it, confirms it.
   */
  void send(String subject, byte[] body) throws Exception;

  /** Closes the connection, if any; called once, on the publisher's thread. */
  void close();
}
