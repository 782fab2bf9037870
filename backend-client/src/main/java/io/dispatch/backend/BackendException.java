package io.dispatch.backend;

/**
 * A backend call that did not succeed. The message is one line and never contains the access token.
 */
public class BackendException extends Exception {

  private final int status;
  private final boolean retryable;

  BackendException(String message, int status, boolean retryable, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryable = retryable;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /**
   * Whether trying again may help: no response (connection refused or reset, timeout), a 5xx or a
   * 429. A 4xx other than 429, or an answer we cannot use, is final.
   */
  public boolean retryable() {
    return retryable;
  }
}
