package io.dispatch.lifecycle.run;

/**
 * A step could not do its work. The message is one line for the user: what failed and why, with the
 * context (image, job, repository) but never a secret.
 */
public class StepFailedException extends RuntimeException {

  public StepFailedException(String message) {
    super(message);
  }

  public StepFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
