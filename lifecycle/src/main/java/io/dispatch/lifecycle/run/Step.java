package io.dispatch.lifecycle.run;

/**
 * The steps the backend tracks, with the names it knows them by, and the phase of the live log (the
 * earlier implementation's {@code clone}, {@code build}, {@code registry}, {@code detect}, {@code
 * deploy}) that their output belongs to.
 */
public enum Step {
  CLONE("clone", "clone"),
  BUILD("build", "build"),
  PUSH("push", "registry"),
  IMAGE_DOWNLOAD("image_download", "detect"),
  DEPLOY("deploy", "deploy"),
  HEALTH_CHECK("healthCheck", "deploy");

  private final String wire;
  private final String logPhase;

  Step(String wire, String logPhase) {
    this.wire = wire;
    this.logPhase = logPhase;
  }

  public String wire() {
    return wire;
  }

  /** The live log's phase while this step runs. */
  public String logPhase() {
    return logPhase;
  }
}
