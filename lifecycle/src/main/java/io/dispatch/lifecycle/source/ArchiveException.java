package io.dispatch.lifecycle.source;

/**
 * An uploaded archive cannot be used. The message says what is wrong with it: {@code "not a gzip
 * file"}, {@code "entry '../x' escapes the work directory"}. Control characters (from entry names)
 * are shown as {@code ?}.
 */
final class ArchiveException extends Exception {

  ArchiveException(String message) {
    super(message.replaceAll("\\p{Cntrl}", "?"));
  }
}
