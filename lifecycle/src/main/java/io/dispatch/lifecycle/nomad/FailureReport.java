package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.text.OneLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What went wrong with a deployment's allocations: for each unhealthy one, its name and the last
 * task events Nomad recorded, as one line: {@code web-app.web[0] (failed): Failed to pull … | …}.
 */
final class FailureReport {

  static final int MAX_ALLOCATIONS = 3;
  static final int EVENTS_PER_ALLOCATION = 3;
  static final int MAX_MESSAGE = 240;

  private FailureReport() {}

  /** The unhealthy allocations and their last events; empty when none is unhealthy. */
  static String describe(List<AllocationView> allocations) {
    List<AllocationView> bad =
        allocations.stream()
            .filter(FailureReport::isUnhealthy)
            .sorted(Comparator.comparing(AllocationView::name))
            .toList();
    List<String> parts = new ArrayList<>();
    for (AllocationView alloc : bad.subList(0, Math.min(MAX_ALLOCATIONS, bad.size()))) {
      String events = String.join(" | ", lastEvents(alloc));
      parts.add(
          alloc.name()
              + " ("
              + alloc.clientStatus()
              + ")"
              + (events.isEmpty() ? "" : ": " + events));
    }
    if (bad.size() > MAX_ALLOCATIONS) {
      parts.add("and " + (bad.size() - MAX_ALLOCATIONS) + " more unhealthy allocations");
    }
    return String.join("; ", parts);
  }

  static boolean isUnhealthy(AllocationView alloc) {
    String client = alloc.clientStatus();
    return alloc.markedUnhealthy() || client.equals("failed") || client.equals("lost");
  }

  /** The last few events' display messages, oldest first, across the allocation's tasks. */
  static List<String> lastEvents(AllocationView alloc) {
    List<String> messages =
        alloc.events().stream()
            .sorted(Comparator.comparingLong(AllocationView.Event::time))
            .map(FailureReport::message)
            .filter(m -> !m.isEmpty())
            .toList();
    List<String> last =
        messages.subList(Math.max(0, messages.size() - EVENTS_PER_ALLOCATION), messages.size());
    return last.stream().map(FailureReport::shorten).toList();
  }

  private static String message(AllocationView.Event e) {
    String m = e.displayMessage().isBlank() ? e.message() : e.displayMessage();
    return OneLine.of(m);
  }

  private static String shorten(String m) {
    return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
