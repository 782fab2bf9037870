package io.dispatch.lifecycle.registry;

import io.dispatch.lifecycle.run.StepFailedException;

/**
 * The registry could not tell us what we asked. The message is one line naming the image; the
 * {@link Reason} says whether the registry gave a definite answer or could not be read this way.
 */
public final class RegistryException extends StepFailedException {

  /** Why reading failed. */
  public enum Reason {
    /** The registry says the repository, tag or blob does not exist. */
    NOT_FOUND(false),
    /** The registry refused the credentials, or asked for credentials that were not given. */
    DENIED(false),
    /** The registry kept answering 429. */
    RATE_LIMITED(false),
    /** An index without an image for the wanted platform. */
    NO_MATCHING_PLATFORM(false),
    /** Data that does not match its digest. */
    CORRUPT(false),
    /** No answer: connection refused, TLS failure, unknown host, timeout, persistent 5xx. */
    UNREACHABLE(true),
    /** An answer this client cannot use: auth scheme, manifest type, size, unexpected status. */
    UNSUPPORTED(true);

    private final boolean daemonMayHelp;

    Reason(boolean daemonMayHelp) {
      this.daemonMayHelp = daemonMayHelp;
    }
  }

  private final Reason reason;

  RegistryException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  RegistryException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /**
   * Whether pulling through a Docker daemon could succeed where the registry API failed: the
   * registry could not be read this way, rather than giving a definite answer.
   */
  public boolean daemonMayHelp() {
    return reason.daemonMayHelp;
  }
}
