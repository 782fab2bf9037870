package io.dispatch.backend;

import java.util.Optional;

/** The backend of a run without {@code backendUrl} and {@code accessToken}. */
final class NoBackend implements DeploymentBackend {

  static final NoBackend INSTANCE = new NoBackend();

  private NoBackend() {}

  @Override
  public void reportStep(String step, StepStatus status, String error) {}

  @Override
  public Optional<String> askDomain(String purpose) {
    return Optional.empty();
  }

  @Override
  public void updateService(ServiceUpdate update) {}

  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public void close() {}
}
