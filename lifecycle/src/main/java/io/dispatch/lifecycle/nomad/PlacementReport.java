package io.dispatch.lifecycle.nomad;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why Nomad could not place a task group, in the words of the Nomad CLI: {@code * Dimension
 * "memory" exhausted on 2 nodes}, {@code * Constraint "${attr.consul.version} semver >= 1.8.0": 2
 * nodes excluded by filter}.
 */
final class PlacementReport {

  private PlacementReport() {}

  /**
   * One line for all groups that failed to place, e.g. {@code task group "web" (failed to place 2
   * allocations): * Resources exhausted on 2 nodes, * Dimension "memory" exhausted on 2 nodes}.
   */
  static String describe(Map<String, PlacementMetrics> failedGroups) {
    List<String> groups = new ArrayList<>();
    new TreeMap<>(failedGroups)
        .forEach(
            (group, metric) -> {
              int failed = metric.coalescedFailures() + 1;
              groups.add(
                  "task group \""
                      + group
                      + "\" (failed to place "
                      + failed
                      + (failed == 1 ? " allocation" : " allocations")
                      + "): "
                      + String.join(", ", reasons(metric)));
            });
    return String.join("; ", groups);
  }

  /** The CLI's lines for one group's placement metrics, in the CLI's order. */
  static List<String> reasons(PlacementMetrics m) {
    List<String> out = new ArrayList<>();
    if (m.nodesEvaluated() == 0) {
      out.add("* No nodes were eligible for evaluation");
    }
    sorted(m.nodesAvailable())
        .forEach(
            (dc, n) -> {
              if (n == 0) {
                out.add("* No nodes are available in datacenter \"" + dc + "\"");
              }
            });
    sorted(m.classFiltered())
        .forEach((c, n) -> out.add("* Class \"" + c + "\": " + n + " nodes excluded by filter"));
    sorted(m.constraintFiltered())
        .forEach(
            (c, n) -> out.add("* Constraint \"" + c + "\": " + n + " nodes excluded by filter"));
    if (m.nodesExhausted() > 0) {
      out.add("* Resources exhausted on " + m.nodesExhausted() + " nodes");
    }
    sorted(m.classExhausted())
        .forEach((c, n) -> out.add("* Class \"" + c + "\" exhausted on " + n + " nodes"));
    sorted(m.dimensionExhausted())
        .forEach((d, n) -> out.add("* Dimension \"" + d + "\" exhausted on " + n + " nodes"));
    m.quotaExhausted().forEach(q -> out.add("* Quota limit hit \"" + q + "\""));
    if (out.isEmpty()) {
      out.add("* no reason given (" + m.nodesEvaluated() + " nodes evaluated)");
    }
    return out;
  }

  private static Map<String, Integer> sorted(Map<String, Integer> map) {
    return new TreeMap<>(map);
  }
}
