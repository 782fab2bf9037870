package io.dispatch.portdetector;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way Go and Nomad write them: {@code 30s}, {@code 1m30s}, {@code 500ms},
 * {@code 1h}. A bare number means seconds, and {@code d} (24 h) is accepted because the earlier
 * implementation accepted it. Like Go's, a duration must fit 64-bit nanoseconds (about 292 years);
 * a longer one is not a duration.
 */
public final class GoDuration {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");
  private static final Pattern BARE = Pattern.compile("\\d+");

  /** Go's durations are 64-bit nanoseconds: about 292 years, 9223372036 whole seconds. */
  private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

  private GoDuration() {}

  /** Parses {@code text}, or returns empty when it is not a duration (or is negative). */
  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (BARE.matcher(s).matches()) {
      return s.length() > 12 || Long.parseLong(s) > MAX_SECONDS
          ? Optional.empty()
          : Optional.of(Duration.ofSeconds(Long.parseLong(s)));
    }
    Matcher m = PART.matcher(s);
    long nanos = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return Optional.empty();
      }
      end = m.end();
      double value = Double.parseDouble(m.group(1));
      double part = value * unitNanos(m.group(2));
      if (part > Long.MAX_VALUE - nanos) {
        return Optional.empty();
      }
      nanos += (long) part;
    }
    return end == s.length() ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "d" -> 86_400_000_000_000L;
      default -> throw new IllegalArgumentException(unit);
    };
  }

  /** Formats like Go's {@code time.Duration.String()} for whole milliseconds: {@code 1m30s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    StringBuilder out = new StringBuilder();
    long hours = d.toHours();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    int minutes = d.toMinutesPart();
    if (minutes > 0 || (hours > 0 && (d.toSecondsPart() > 0 || d.toMillisPart() > 0))) {
      out.append(minutes).append('m');
    }
    int seconds = d.toSecondsPart();
    int ms = d.toMillisPart();
    if (seconds > 0 || ms > 0) {
      out.append(seconds);
      if (ms > 0) {
        out.append('.').append(String.format("%03d", ms).replaceAll("0+$", ""));
      }
      out.append('s');
    }
    return out.toString();
  }
}
