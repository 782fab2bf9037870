package io.dispatch.lifecycle.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One timed piece of a run: a step, or something notable inside one. */
public final class Span {

  /** How a span ended. */
  public enum Status {
    RUNNING,
    COMPLETED,
    FAILED,
    SKIPPED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final String spanId;
  private final String name;
  private final Instant start;
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final List<Span> children = new ArrayList<>();
  private Instant end;
  private Status status = Status.RUNNING;
  private String reason = "";

  Span(String spanId, String name, Instant start) {
    this.spanId = spanId;
    this.name = name;
    this.start = start;
  }

  public String spanId() {
    return spanId;
  }

  public String name() {
    return name;
  }

  public Instant start() {
    return start;
  }

  public synchronized Instant end() {
    return end;
  }

  public synchronized Duration duration() {
    return end == null ? Duration.ZERO : Duration.between(start, end);
  }

  public synchronized Status status() {
    return status;
  }

  /** Why it failed or was skipped; empty otherwise. */
  public synchronized String reason() {
    return reason;
  }

  /** Sets an attribute, e.g. {@code image} or {@code job.version}. Empty values are ignored. */
  public synchronized Span attribute(String key, Object value) {
    if (value != null && !value.toString().isEmpty()) {
      attributes.put(key, value.toString());
    }
    return this;
  }

  public synchronized Map<String, String> attributes() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public synchronized List<Span> children() {
    return List.copyOf(children);
  }

  synchronized void add(Span child) {
    children.add(child);
  }

  synchronized void finish(Status endStatus, String why, Instant at) {
    if (end == null) {
      end = at;
      status = endStatus;
      reason = why == null ? "" : why;
    }
  }
}
