package io.dispatch.lifecycle.run;

/** The steps the backend tracks, with the names it knows them by. */
public enum Step {
  CLONE("clone"),
  BUILD("build"),
  PUSH("push"),
  IMAGE_DOWNLOAD("image_download"),
  DEPLOY("deploy"),
  HEALTH_CHECK("healthCheck");

  private final String wire;

  Step(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
