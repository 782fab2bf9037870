package io.dispatch.lifecycle.docker;

import java.util.function.Consumer;

/**
 * Turns the daemon's streamed build output into whole lines. The daemon sends chunks, not lines: a
 * long RUN's output is cut wherever its buffer fills, so a line can arrive in two items. Blank
 * lines are skipped and trailing white space removed, as before.
 */
final class OutputLines {

  private final Consumer<String> line;
  private final StringBuilder partial = new StringBuilder();

  OutputLines(Consumer<String> line) {
    this.line = line;
  }

  /** Adds a chunk; every line it completes goes out. */
  synchronized void accept(String chunk) {
    int start = 0;
    for (int i = 0; i < chunk.length(); i++) {
      char c = chunk.charAt(i);
      if (c == '\n' || c == '\r') {
        partial.append(chunk, start, i);
        emit();
        start = i + 1;
      }
    }
    partial.append(chunk, start, chunk.length());
  }

  /** Sends what is left of a last line without its line break. */
  synchronized void finish() {
    emit();
  }

  private void emit() {
    String text = partial.toString().stripTrailing();
    partial.setLength(0);
    if (!text.isBlank()) {
      line.accept(text);
    }
  }
}
