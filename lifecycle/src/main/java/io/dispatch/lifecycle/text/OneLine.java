package io.dispatch.lifecycle.text;

/**
 * Outside text as one line of a message: every run of white space, line breaks included, becomes
 * one space, and the ends are trimmed. The one place that decides how a reason that came from a
 * library, a daemon or a server is shown on a message's single line.
 */
public final class OneLine {

  private OneLine() {}

  /** {@code text} on one line; {@code null} becomes the empty string. */
  public static String of(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").strip();
  }

  /** {@code text} on one line, cut to {@code max} characters with "…" marking the cut. */
  public static String of(String text, int max) {
    String line = of(text);
    return line.length() > max ? line.substring(0, max) + "…" : line;
  }

  /** A failure's message on one line, or its class's simple name when it has no message. */
  public static String message(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : of(message);
  }
}
