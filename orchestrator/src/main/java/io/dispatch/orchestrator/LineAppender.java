package io.dispatch.orchestrator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.event.KeyValuePair;

/**
 * Writes each log event as one line to the run's output: readable text by default, or one JSON
 * object per line. Stack traces appear only when debug logging is on. Every line is masked.
 */
final class LineAppender extends AppenderBase<ILoggingEvent> {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final boolean json;
  private final boolean withStackTraces;
  private final SecretMasker masker;

  LineAppender(PrintStream out, boolean json, boolean withStackTraces, SecretMasker masker) {
    this.out = out;
    this.json = json;
    this.withStackTraces = withStackTraces;
    this.masker = masker;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String line = json ? jsonLine(event) : textLine(event);
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  private String textLine(ILoggingEvent event) {
    StringBuilder b =
        new StringBuilder(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
            .append(' ')
            .append(text(event));
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null && withStackTraces) {
      b.append(System.lineSeparator()).append(ThrowableProxyUtil.asString(thrown));
    }
    return masker.mask(b.toString());
  }

  /**
   * What a text line says after its time: the level unless info, the logger unless ours, the
   * message. Not masked.
   */
  static String text(ILoggingEvent event) {
    StringBuilder b = new StringBuilder();
    if (event.getLevel() != Level.INFO) {
      b.append(event.getLevel()).append(' ');
    }
    if (!event.getLoggerName().equals("dispatch")
        && !event.getLoggerName().startsWith("io.dispatch")) {
      b.append('[').append(shortName(event.getLoggerName())).append("] ");
    }
    return b.append(event.getFormattedMessage()).toString();
  }

  private String jsonLine(ILoggingEvent event) {
    ObjectNode o = JSON.createObjectNode();
    o.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    o.put("level", event.getLevel().toString());
    o.put("logger", event.getLoggerName());
    o.put("message", masker.mask(event.getFormattedMessage()));
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair kv : event.getKeyValuePairs()) {
        if (kv.value instanceof Number n) {
          o.put(kv.key, n.longValue());
        } else if (kv.value instanceof Boolean bool) {
          o.put(kv.key, bool);
        } else {
          o.put(kv.key, masker.mask(String.valueOf(kv.value)));
        }
      }
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      o.put("error", masker.mask(thrown.getClassName() + ": " + thrown.getMessage()));
      if (withStackTraces) {
        o.put("stackTrace", masker.mask(ThrowableProxyUtil.asString(thrown)));
      }
    }
    return o.toString();
  }

  private static String shortName(String logger) {
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }
}
