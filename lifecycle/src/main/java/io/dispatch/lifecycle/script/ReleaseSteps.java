package io.dispatch.lifecycle.script;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.run.Outcome;
import io.dispatch.lifecycle.run.Step;
import io.dispatch.portdetector.NetworkPlan;
import java.util.List;
import java.util.Optional;

/**
 * The steps both deploying tasks end with: read an image's config ({@code image_download}), then
 * from the image to a running service: its networks, {@code deploy} and {@code healthCheck}.
 */
final class ReleaseSteps {

  private final RunContext run;
  private final NetworkSetup networks;

  ReleaseSteps(RunContext run) {
    this.run = run;
    this.networks = new NetworkSetup(run.steps(), run.trace(), run.log(), run.backend());
  }

  /** The {@code image_download} step: the image's config, read where {@code images} reads it. */
  ImageConfig download(
      ImageInspector images, ImageReference image, Optional<RegistryCredentials> credentials) {
    return run.steps()
        .run(
            Step.IMAGE_DOWNLOAD,
            image.toString(),
            span -> {
              ImageConfig config = images.inspect(image, credentials, run.control());
              span.attribute("image", config.reference())
                  .attribute("digest", config.digest())
                  .attribute("source", config.source())
                  .attribute("bytes", config.bytesFetched())
                  .attribute("summary", describe(config));
              return config;
            });
  }

  /** Networks, then the job registered and followed, unless the scheduler writes nothing. */
  Outcome deploy(
      ServiceDeployment d, ImageConfig image, int defaultPort, ServiceScheduler scheduler) {
    DeploymentIdentity identity = d.identity();
    NetworkPlan plan = networks.prepare(identity, d.service(), image.metadata(), defaultPort);
    Release release =
        new Release(
            identity,
            d.service(),
            d.runtime(),
            image,
            plan,
            d.registryCredentials(),
            run.runId(),
            run.trace().traceId());
    Optional<String> skip = scheduler.skipReason();
    if (skip.isPresent()) {
      run.steps().phase("job", identity.jobId(), span -> scheduler.register(release, span));
      run.steps().skip(Step.DEPLOY, skip.get());
      run.steps().skip(Step.HEALTH_CHECK, skip.get());
      return Outcome.succeeded("job " + identity.jobId() + " was not registered: " + skip.get());
    }
    RegisteredJob job =
        run.steps().run(Step.DEPLOY, identity.jobId(), span -> scheduler.register(release, span));
    String health =
        run.steps()
            .run(
                Step.HEALTH_CHECK,
                "",
                span -> {
                  String summary = scheduler.awaitHealthy(job, span);
                  span.attribute("summary", summary);
                  return summary;
                });
    return Outcome.succeeded(identity.jobId() + " " + health);
  }

  private static String describe(ImageConfig config) {
    List<String> ports = config.metadata().exposedPorts();
    return (config.digest().isEmpty() ? "" : ImageConfig.shortDigest(config.digest()) + ", ")
        + (ports.isEmpty() ? "no exposed ports" : "exposes " + String.join(" ", ports))
        + " ("
        + config.source()
        + ")";
  }
}
