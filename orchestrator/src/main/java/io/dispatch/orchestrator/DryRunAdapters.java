package io.dispatch.orchestrator;

import io.dispatch.lifecycle.jobspec.JobSettings;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.ports.ImageAdapters;
import io.dispatch.lifecycle.ports.JobDestroyer;
import io.dispatch.lifecycle.ports.RepositoryAdapters;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.ports.SourceFetcher;

/**
 * A dry run's adapters: the real image reader, and in place of Nomad, the builder and destroy the
 * {@link DryRun}'s recorders, which change nothing and say so. This is the only place where a dry
 * run differs; the scripts run as they always do.
 */
final class DryRunAdapters implements AdapterFactory {

  private static final SourceFetcher NO_SOURCE =
      (source, directory) -> {
        throw new IllegalStateException("a dry run fetches nothing");
      };

  private final AdapterFactory real;
  private final DryRun dry;

  DryRunAdapters(AdapterFactory real, DryRun dry) {
    this.real = real;
    this.dry = dry;
  }

  @Override
  public Wired<ImageAdapters> image(ImageDeployment deployment, Run run) {
    Wired<ImageAdapters> wired = real.image(deployment, run);
    return new Wired<>(
        new ImageAdapters(wired.adapters().images(), scheduler(deployment, run.settings())),
        wired.release());
  }

  @Override
  public Wired<RepositoryAdapters> repository(RepositoryDeployment deployment, Run run) {
    Wired<RepositoryAdapters> wired = real.repository(deployment, run);
    return new Wired<>(
        new RepositoryAdapters(
            NO_SOURCE,
            new DryRunBuilder(),
            wired.adapters().images(),
            scheduler(deployment, run.settings())),
        wired.release());
  }

  @Override
  public Wired<JobDestroyer> destroy(Run run) {
    return Wired.of(dry.destroyer());
  }

  private ServiceScheduler scheduler(ServiceDeployment d, RuntimeSettings settings) {
    return dry.scheduler(
        d.nomad(),
        JobSettings.of(
            settings.serviceProvider(),
            settings.platform(),
            settings.defaultRegistry(),
            d.nomad()));
  }
}
