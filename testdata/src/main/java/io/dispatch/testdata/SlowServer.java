package io.dispatch.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server that answers every request only after {@code answerAfter}, and notices a
 * client that goes away before that. Tests use it to show that a call was abandoned by the client
 * (its deadline, a cancel, its own timeout) rather than answered: with {@code answerAfter} far
 * beyond the client's limits, a client that waited would be {@link #answered()}.
 */
public final class SlowServer implements AutoCloseable {

  private final ServerSocket socket;
  private final long answerAfterNanos;
  private int requests;
  private int abandoned;
  private int answered;

  private SlowServer(ServerSocket socket, Duration answerAfter) {
    this.socket = socket;
    this.answerAfterNanos = answerAfter.toNanos();
  }

  /** Starts on a free loopback port; each answer is a 200 with an empty JSON object. */
  public static SlowServer start(Duration answerAfter) {
    try {
      SlowServer server =
          new SlowServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), answerAfter);
      Thread acceptor = new Thread(server::accept, "slow-server");
      acceptor.setDaemon(true);
      acceptor.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>} */
  public String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  public synchronized int requests() {
    return requests;
  }

  /** Requests whose client closed the connection before the answer was due. */
  public synchronized int abandoned() {
    return abandoned;
  }

  public synchronized int answered() {
    return answered;
  }

  /** Waits until {@code count} requests have come in; false after {@code max}. */
  public synchronized boolean awaitRequests(int count, Duration max) throws InterruptedException {
    return await(() -> requests >= count, max);
  }

  /** Waits until {@code count} requests were abandoned by their client; false after {@code max}. */
  public synchronized boolean awaitAbandoned(int count, Duration max) throws InterruptedException {
    return await(() -> abandoned >= count, max);
  }

  private boolean await(java.util.function.BooleanSupplier done, Duration max)
      throws InterruptedException {
    long until = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean()) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread t = new Thread(() -> hold(client), "slow-server-request");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void hold(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      readHeaders(in);
      count(Outcome.RECEIVED);
      long due = System.nanoTime() + answerAfterNanos;
      client.setSoTimeout(20);
      while (System.nanoTime() < due) {
        try {
          if (in.read() < 0) {
            count(Outcome.ABANDONED);
            return;
          }
        } catch (SocketTimeoutException stillThere) {
          // the client is waiting
        }
      }
      OutputStream out = client.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                  + "Connection: close\r\n\r\n{}")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      count(Outcome.ANSWERED);
    } catch (IOException gone) {
      count(Outcome.ABANDONED);
    }
  }

  /** Reads up to the blank line that ends the headers; these requests carry no body. */
  private static void readHeaders(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the end of the headers");
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  private enum Outcome {
    RECEIVED,
    ABANDONED,
    ANSWERED
  }

  private synchronized void count(Outcome outcome) {
    switch (outcome) {
      case RECEIVED -> requests++;
      case ABANDONED -> abandoned++;
      case ANSWERED -> answered++;
    }
    notifyAll();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a listening socket does not fail in a way a test could act on
    }
  }
}
