package io.dispatch.orchestrator;

import io.dispatch.lifecycle.nats.NatsEvents;
import io.dispatch.lifecycle.nats.NatsSettings;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.ports.DeploymentEvents;
import io.dispatch.lifecycle.ports.JobDestroyer;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which events a run publishes: on NATS when it is configured (and the run is not a dry run),
 * otherwise none. The NATS client is loaded only in the first case.
 */
final class RunEvents {

  private static final Logger logger = LoggerFactory.getLogger(RunEvents.class);

  private RunEvents() {}

  /** The run's events; connecting starts in the background. */
  static DeploymentEvents open(Inputs inputs, UnaryOperator<String> mask, Clock clock) {
    if (inputs.nats().isEmpty() || inputs.dryRun()) {
      return DeploymentEvents.none();
    }
    NatsSettings settings = inputs.nats().get();
    return inputs.request() instanceof ServiceDeployment d
        ? NatsEvents.forDeployment(settings, d, mask, clock)
        : NatsEvents.forDestroy(settings, mask, clock);
  }

  /** Says, in one line, that nothing is published because NATS is not configured. */
  static void noteWhenOff(Inputs inputs) {
    if (inputs.nats().isEmpty()) {
      logger.info(
          "NATS events and live logs disabled: {} and {} are not both set",
          NatsSettings.SERVERS,
          NatsSettings.SEED);
    }
  }

  /** {@code destroyer}, with each job it stops (or finds gone) announced as destroyed. */
  static JobDestroyer announcing(JobDestroyer destroyer, String reason, DeploymentEvents events) {
    return job -> {
      JobDestroyer.Result result = destroyer.destroy(job);
      if (result.status() != JobDestroyer.Result.Status.FAILED) {
        events.jobDestroyed(job.serviceId(), reason);
      }
      return result;
    };
  }
}
