package io.dispatch.lifecycle.run;

/** The run was told to stop (SIGTERM or SIGINT). */
public final class CancelledException extends RunAbortedException {
  public CancelledException() {
    super("cancelled");
  }
}
