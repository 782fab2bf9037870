package io.dispatch.backend;

import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one best-effort caller of {@link BackendClient}: what a run tells the backend, as bodies
 * handed to its {@link BackendSender}, which owns the queue, the retries, the budget and the
 * breaker. Nothing here throws or changes the deployment's outcome.
 *
 * <p>Every text a body carries that came from the run (a step's error, the command, the user)
 * passes through the run's masker first: the backend shows it on the user's dashboard.
 *
 * <p>Step and service updates are sent in order in the background. {@link #askDomain} must wait for
 * its answer; that wait, and the wait in {@link #close} for the queue to drain, come out of the
 * run's budget ({@link BackendConfig#budget()}).
 */
public final class BackendReporter implements DeploymentBackend {

  private final BackendClient client;
  private final BackendSender sender;
  private final String deploymentId;
  private final String deploymentType;
  private final String serviceId;
  private final UnaryOperator<String> masker;

  private BackendReporter(
      BackendClient client,
      BackendSender sender,
      String deploymentId,
      String deploymentType,
      String serviceId,
      UnaryOperator<String> masker) {
    this.client = client;
    this.sender = sender;
    this.deploymentId = deploymentId;
    this.deploymentType = deploymentType;
    this.serviceId = serviceId;
    this.masker = masker;
  }

  /**
   * A reporter for one run.
   *
   * @param deploymentType {@code git} or {@code app}
   * @param clock the run's clock: the budget and the retries are measured on it
   * @param masker the run's secret masker, applied to every text a body carries
   */
  public static BackendReporter start(
      BackendConfig config,
      String deploymentId,
      String deploymentType,
      String serviceId,
      Clock clock,
      FailureListener listener,
      UnaryOperator<String> masker) {
    return new BackendReporter(
        BackendClient.create(config, clock),
        new BackendSender(config, clock, listener, RetryingCall.Sleeper.THREAD),
        deploymentId,
        deploymentType,
        serviceId,
        masker);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void reportStep(String step, StepStatus status, String error) {
    StepUpdate update = StepUpdate.of(deploymentId, deploymentType, step, status, mask(error));
    sender.inBackground(
        "deployment-step " + step + "/" + status.wire(),
        deadline -> {
          client.updateDeploymentStep(update, deadline);
          return null;
        });
  }

  @Override
  public void updateService(ServiceUpdate update) {
    ServiceUpdate masked =
        new ServiceUpdate(
            update.serviceId(),
            update.network(),
            mask(update.dockerUser()),
            mask(update.cmd()),
            mask(update.entrypoint()));
    sender.inBackground(
        "service-update",
        deadline -> {
          client.updateService(masked, deadline);
          return null;
        });
  }

  @Override
  public Optional<String> askDomain(String purpose) {
    return sender.waitFor(
        "ask-domain (" + purpose + ")", deadline -> client.askDomain(serviceId, deadline));
  }

  @Override
  public void close() {
    sender.close();
    client.close();
  }

  /** How many calls failed after their retries. */
  int failedCalls() {
    return sender.failedCalls();
  }

  private String mask(String text) {
    return text == null ? null : masker.apply(text);
  }
}
