package io.dispatch.lifecycle.nats;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One readable line for what went wrong with the bus. */
final class Reasons {

  private Reasons() {}

  static String of(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException
            || t instanceof ExecutionException
            || (t instanceof RuntimeException
                && t.getCause() != null
                && t.getMessage() != null
                && t.getMessage().equals(t.getCause().toString())))
        && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    String text =
        message == null || message.isBlank()
            ? t.getClass().getSimpleName()
            : message.replaceAll("\\s+", " ").strip();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  /** The reason, with what it usually means when JetStream has no stream for the subject. */
  static String hint(String reason) {
    if (reason != null && reason.contains("503")) {
      return reason + " (no JetStream stream takes these subjects)";
    }
    return reason;
  }
}
