package io.dispatch.lifecycle.trace;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * The run as a tree of spans. Steps open spans on the worker thread; other threads (the backend
 * reporter) may add finished spans under whatever is open at the time.
 */
public final class Trace {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final String traceId;
  private final String parentSpanId;
  private final Span root;
  private final Deque<Span> open = new ArrayDeque<>();

  private Trace(Clock clock, String traceId, String parentSpanId, String rootName) {
    this.clock = clock;
    this.traceId = traceId;
    this.parentSpanId = parentSpanId;
    this.root = new Span(newSpanId(), rootName, clock.instant());
    open.push(root);
  }

  /** A new trace, or the continuation of {@code parentTraceId} when it is set. */
  public static Trace start(
      Clock clock, String rootName, String parentTraceId, String parentSpanId) {
    String id = parentTraceId == null || parentTraceId.isEmpty() ? hex(16) : parentTraceId;
    return new Trace(clock, id, parentSpanId == null ? "" : parentSpanId, rootName);
  }

  public String traceId() {
    return traceId;
  }

  /** The span of the caller that started this run, or empty. */
  public String parentSpanId() {
    return parentSpanId;
  }

  public Span root() {
    return root;
  }

  /** Opens a span under the innermost open one. */
  public synchronized Span open(String name) {
    Span span = new Span(newSpanId(), name, clock.instant());
    open.peek().add(span);
    open.push(span);
    return span;
  }

  /** Closes {@code span} (and anything left open inside it). */
  public synchronized void close(Span span, Span.Status status, String reason) {
    while (!open.isEmpty() && open.peek() != root) {
      Span top = open.pop();
      if (top == span) {
        break;
      }
      top.finish(Span.Status.FAILED, reason, clock.instant());
    }
    span.finish(status, reason, clock.instant());
  }

  /** Records something that happened at once under the innermost open span. */
  public synchronized Span event(String name, Span.Status status, String reason) {
    return eventUnder(open.peek(), name, status, reason);
  }

  /** Records something that happened at once, directly under the root: for other threads' news. */
  public synchronized Span rootEvent(String name, Span.Status status, String reason) {
    return eventUnder(root, name, status, reason);
  }

  private Span eventUnder(Span parent, String name, Span.Status status, String reason) {
    Instant now = clock.instant();
    Span span = new Span(newSpanId(), name, now);
    parent.add(span);
    span.finish(status, reason, now);
    return span;
  }

  /** Ends the run's root span. */
  public synchronized void finish(Span.Status status, String reason) {
    root.finish(status, reason, clock.instant());
  }

  private static String newSpanId() {
    return hex(8);
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
