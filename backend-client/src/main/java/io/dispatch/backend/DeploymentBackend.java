package io.dispatch.backend;

import java.util.Optional;

/**
 * What a deployment tells the backend, best-effort: nothing here throws, and nothing here may
 * change the deployment's outcome.
 */
public interface DeploymentBackend extends AutoCloseable {

  /** Reports a step's status. Delivered in order, in the background. */
  void reportStep(String step, StepStatus status, String error);

  /**
   * Asks for a new subdomain for the service; empty when the backend cannot give one in time.
   *
   * @param purpose what the domain is for, for the log line if it fails (e.g. {@code port 8080})
   */
  Optional<String> askDomain(String purpose);

  /** Sends the service's networks, user, command and entrypoint. Delivered in the background. */
  void updateService(ServiceUpdate update);

  /** Whether there is a backend at all. */
  boolean enabled();

  /** Delivers what is still queued, within what is left of the run's budget. */
  @Override
  void close();

  /** The backend of a run that has none configured: every call does nothing. */
  static DeploymentBackend none() {
    return NoBackend.INSTANCE;
  }

  /** Hears about calls that failed, e.g. to record them in the run's trace. */
  @FunctionalInterface
  interface FailureListener {
    void callFailed(String call, String reason);

    FailureListener NONE = (call, reason) -> {};
  }
}
