package io.dispatch.backend;

/** The status of a deployment step, as the backend spells it. */
public enum StepStatus {
  IN_PROGRESS("in_progress"),
  COMPLETED("completed"),
  FAILED("failed");

  private final String wire;

  StepStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
