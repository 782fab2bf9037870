package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.text.OneLine;
import io.dispatch.portdetector.GoDuration;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A Nomad call that failed, classified once: an HTTP error with Nomad's own message, or no answer
 * at all. Transient failures are retried by {@link NomadCalls}; the others are final.
 */
final class NomadApiException extends RuntimeException {

  /**
   * Nomad answers 500 for scheduler trouble (retryable) but also for job validation and
   * check-and-set conflicts (final); these texts mark the final ones.
   */
  private static final Pattern FINAL_500 =
      Pattern.compile(
          "(?i)\\d+ errors? occurred|validation failed|Enforcing job modify index|Permission denied");

  private final int status;
  private final String nomadMessage;
  private final boolean retryable;

  private NomadApiException(int status, String nomadMessage, boolean retryable, Throwable cause) {
    super(status == 0 ? nomadMessage : status + " " + nomadMessage, cause);
    this.status = status;
    this.nomadMessage = nomadMessage;
    this.retryable = retryable;
  }

  /** An error answer: its status and plain-text body. */
  static NomadApiException http(int status, String body) {
    return http(status, body, null);
  }

  /** An error answer the SDK reported as {@code cause}. */
  static NomadApiException http(int status, String message, Throwable cause) {
    String raw = message == null ? "" : message;
    boolean retryable =
        status == 408
            || status == 429
            || (status >= 500 && !(status == 500 && FINAL_500.matcher(raw).find()));
    return new NomadApiException(status, oneLine(raw), retryable, cause);
  }

  /** No HTTP answer: refused, reset, timed out. */
  static NomadApiException unreachable(String address, IOException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    return new NomadApiException(0, "no answer from Nomad at " + address + ": " + why, true, e);
  }

  /** The TLS handshake failed: an untrusted certificate or a wrong host name. Not retried. */
  static NomadApiException tls(String address, IOException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    return new NomadApiException(0, "TLS with Nomad at " + address + " failed: " + why, false, e);
  }

  /** An answer we could not read. */
  static NomadApiException unexpected(String what, Exception e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    return new NomadApiException(
        0, "unexpected answer from Nomad to " + what + ": " + why, false, e);
  }

  /** This failure, saying how long it was retried. */
  NomadApiException afterAttempts(int attempts, Duration elapsed) {
    String tried = " (" + attempts + " attempts in " + GoDuration.format(elapsed) + ")";
    return new NomadApiException(status, nomadMessage + tried, retryable, this);
  }

  /** The HTTP status, or 0 when Nomad did not answer. */
  int status() {
    return status;
  }

  /** Nomad's message (its plain-text error body) as one line, or why there was no answer. */
  String nomadMessage() {
    return nomadMessage;
  }

  boolean isRetryable() {
    return retryable;
  }

  /** Nomad answered and said no (4xx, or a final 500): the request itself is wrong. */
  boolean isRejection() {
    return status > 0 && !retryable;
  }

  /**
   * Nomad's multi-line error texts ({@code 1 error occurred:\n\t* …}) as one line, without the
   * go-multierror framing.
   */
  static String oneLine(String text) {
    if (text == null || text.isBlank()) {
      return "(no message)";
    }
    return OneLine.of(
        text.replaceAll("\\d+ errors? occurred:", "").replaceAll("\\s*\\n\\s*\\*\\s*", " "));
  }
}
