package io.dispatch.lifecycle.nomad;

import java.util.Objects;

/**
 * What happened to one job asked to be destroyed.
 *
 * @param status destroyed, already gone (counts as destroyed), or failed
 * @param reason why it failed, in one line without secrets; empty otherwise
 */
public record DestroyResult(Status status, String reason) {

  /** The outcome for one job. */
  public enum Status {
    DESTROYED,
    ALREADY_GONE,
    FAILED
  }

  public DestroyResult {
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
  }

  public static DestroyResult destroyed() {
    return new DestroyResult(Status.DESTROYED, "");
  }

  public static DestroyResult alreadyGone() {
    return new DestroyResult(Status.ALREADY_GONE, "");
  }

  public static DestroyResult failed(String reason) {
    return new DestroyResult(Status.FAILED, reason);
  }

  public boolean succeeded() {
    return status != Status.FAILED;
  }
}
