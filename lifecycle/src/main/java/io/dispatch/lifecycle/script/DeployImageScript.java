package io.dispatch.lifecycle.script;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.ports.ImageAdapters;
import io.dispatch.lifecycle.run.Outcome;
import io.dispatch.portdetector.PortDetector;

/** deploy-image: read the image's config, then release it. */
public final class DeployImageScript {

  private final RunContext run;
  private final ImageAdapters adapters;

  public DeployImageScript(RunContext run, ImageAdapters adapters) {
    this.run = run;
    this.adapters = adapters;
  }

  public Outcome run(ImageDeployment d) {
    ReleaseSteps release = new ReleaseSteps(run);
    return run.outcome(
        () -> {
          ImageConfig image =
              release.download(adapters.images(), d.image(), d.registryCredentials());
          return release.deploy(d, image, PortDetector.DEFAULT_PORT, adapters.scheduler());
        });
  }
}
