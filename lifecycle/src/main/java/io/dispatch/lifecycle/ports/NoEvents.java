package io.dispatch.lifecycle.ports;

import java.time.Duration;

/** The events of a run without an event bus. */
final class NoEvents implements DeploymentEvents {

  static final NoEvents INSTANCE = new NoEvents();

  private NoEvents() {}

  @Override
  public void started() {}

  @Override
  public void finished(boolean succeeded) {}

  @Override
  public void jobDestroyed(String serviceId, String reason) {}

  @Override
  public void line(Output output, String phase, long timestampMillis, String text) {}

  @Override
  public void close(Duration budget) {}
}
