package io.dispatch.lifecycle.run;

/** The run's {@code DISPATCH_TIMEOUT} passed. */
public final class DeadlineExceededException extends RunAbortedException {
  public DeadlineExceededException(String message) {
    super(message);
  }
}
