package io.dispatch.lifecycle.trace;

import io.dispatch.lifecycle.text.OneLine;
import io.dispatch.portdetector.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run as a tree, one line per span, for people reading the log:
 *
 * <pre>
 * deploy-image ✓ 3.2s  trace 4bf92f35…
 * ├─ ✓ image_download  120ms  exposes 8080/tcp (registry)
 * └─ ✗ healthCheck  2.1s  Failed due to unhealthy allocations
 * </pre>
 */
public final class TreeRenderer {

  private static final int MAX_TEXT = 300;

  private TreeRenderer() {}

  public static String render(Trace trace) {
    Span root = trace.root();
    StringBuilder out = new StringBuilder();
    out.append(root.name())
        .append(' ')
        .append(symbol(root.status()))
        .append(' ')
        .append(duration(root.duration()))
        .append("  trace ")
        .append(trace.traceId())
        .append('\n');
    List<Span> children = root.children();
    for (int i = 0; i < children.size(); i++) {
      render(children.get(i), "", i == children.size() - 1, out);
    }
    return out.toString();
  }

  private static void render(Span span, String indent, boolean last, StringBuilder out) {
    out.append(indent)
        .append(last ? "└─ " : "├─ ")
        .append(symbol(span.status()))
        .append(' ')
        .append(span.name());
    if (span.status() != Span.Status.SKIPPED && !span.duration().isZero()) {
      out.append("  ").append(duration(span.duration()));
    }
    String text = text(span);
    if (!text.isEmpty()) {
      out.append("  ").append(text);
    }
    out.append('\n');
    List<Span> children = span.children();
    for (int i = 0; i < children.size(); i++) {
      render(children.get(i), indent + (last ? "   " : "│  "), i == children.size() - 1, out);
    }
  }

  private static String text(Span span) {
    String text;
    if (span.status() == Span.Status.FAILED || span.status() == Span.Status.SKIPPED) {
      text = span.reason();
    } else {
      Map<String, String> attributes = span.attributes();
      text =
          attributes.containsKey("summary")
              ? attributes.get("summary")
              : attributes.entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(" "));
    }
    return OneLine.of(text, MAX_TEXT);
  }

  static String symbol(Span.Status status) {
    return switch (status) {
      case COMPLETED -> "✓";
      case FAILED -> "✗";
      case SKIPPED -> "–";
      case RUNNING -> "…";
    };
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    return GoDuration.format(Duration.ofSeconds(d.toSeconds()));
  }
}
