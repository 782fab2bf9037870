package io.dispatch.lifecycle.run;

/** The run stopped before its work was done: its deadline passed, or it was told to stop. */
public abstract sealed class RunAbortedException extends RuntimeException
    permits DeadlineExceededException, CancelledException {

  RunAbortedException(String message) {
    super(message);
  }
}
