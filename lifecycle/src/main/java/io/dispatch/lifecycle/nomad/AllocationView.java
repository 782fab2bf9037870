package io.dispatch.lifecycle.nomad;

import java.util.List;
import java.util.Objects;

/**
 * An allocation of a deployment as we read it: enough to say why it is unhealthy.
 *
 * @param name e.g. {@code web-app.web[0]}
 * @param clientStatus {@code running}, {@code failed}, {@code lost}, …
 * @param markedUnhealthy the deployment marked it unhealthy
 * @param events the task events of all its tasks, in no particular order
 */
record AllocationView(
    String name, String clientStatus, boolean markedUnhealthy, List<Event> events) {

  AllocationView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clientStatus, "clientStatus");
    events = List.copyOf(events);
  }

  /**
   * One task event.
   *
   * @param time when it happened, in Nomad's nanoseconds since the epoch
   * @param displayMessage the message the Nomad CLI shows; may be empty
   * @param message the raw message; may be empty
   */
  record Event(long time, String displayMessage, String message) {

    Event {
      Objects.requireNonNull(displayMessage, "displayMessage");
      Objects.requireNonNull(message, "message");
    }
  }
}
