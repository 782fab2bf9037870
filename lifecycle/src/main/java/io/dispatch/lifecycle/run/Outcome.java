package io.dispatch.lifecycle.run;

import java.util.Objects;

/**
 * How a run ended.
 *
 * @param result the verdict, which decides the exit code
 * @param step the step that failed, or empty
 * @param reason why it failed, in one line; empty on success
 * @param summary what was done, e.g. {@code web-app v4 healthy (2/2)}; empty on failure
 */
public record Outcome(Result result, String step, String reason, String summary) {

  /** The verdict of a run and its exit code. */
  public enum Result {
    SUCCEEDED(0),
    FAILED(1),
    TIMED_OUT(4),
    CANCELLED(143);

    private final int exitCode;

    Result(int exitCode) {
      this.exitCode = exitCode;
    }
  }

  public Outcome {
    Objects.requireNonNull(result, "result");
    step = step == null ? "" : step;
    reason = reason == null ? "" : reason;
    summary = summary == null ? "" : summary;
  }

  public static Outcome succeeded(String summary) {
    return new Outcome(Result.SUCCEEDED, "", "", summary);
  }

  public static Outcome failed(String step, String reason) {
    return new Outcome(Result.FAILED, step, reason, "");
  }

  /** The outcome of a run stopped by its deadline or a signal while {@code step} ran. */
  public static Outcome aborted(String step, RunAbortedException e) {
    Result r = e instanceof CancelledException ? Result.CANCELLED : Result.TIMED_OUT;
    return new Outcome(r, step, e.getMessage(), "");
  }

  public boolean succeeded() {
    return result == Result.SUCCEEDED;
  }

  public int exitCode() {
    return result.exitCode;
  }

  /** One line saying how it ended. */
  public String headline() {
    return switch (result) {
      case SUCCEEDED -> "succeeded" + (summary.isEmpty() ? "" : ": " + summary);
      case FAILED -> "failed" + (step.isEmpty() ? "" : " at " + step) + ": " + reason;
      case TIMED_OUT -> "timed out" + (step.isEmpty() ? "" : " at " + step) + ": " + reason;
      case CANCELLED -> "cancelled" + (step.isEmpty() ? "" : " at " + step);
    };
  }
}
