package io.dispatch.lifecycle.nomad;

import java.util.List;
import java.util.Map;

/**
 * Why Nomad could not place a task group: its placement metrics ({@code AllocationMetric}), with
 * each count by datacenter, node class, constraint or resource dimension.
 *
 * @param coalescedFailures further allocations that failed the same way (the group failed {@code
 *     coalescedFailures + 1})
 * @param nodesEvaluated nodes the scheduler looked at
 * @param nodesAvailable eligible nodes by datacenter
 * @param classFiltered nodes excluded by their node class
 * @param constraintFiltered nodes excluded by a constraint
 * @param nodesExhausted nodes without room
 * @param classExhausted nodes without room, by node class
 * @param dimensionExhausted nodes without room, by the resource that ran out
 * @param quotaExhausted quota limits hit
 */
record PlacementMetrics(
    int coalescedFailures,
    int nodesEvaluated,
    Map<String, Integer> nodesAvailable,
    Map<String, Integer> classFiltered,
    Map<String, Integer> constraintFiltered,
    int nodesExhausted,
    Map<String, Integer> classExhausted,
    Map<String, Integer> dimensionExhausted,
    List<String> quotaExhausted) {

  PlacementMetrics {
    nodesAvailable = Map.copyOf(nodesAvailable);
    classFiltered = Map.copyOf(classFiltered);
    constraintFiltered = Map.copyOf(constraintFiltered);
    classExhausted = Map.copyOf(classExhausted);
    dimensionExhausted = Map.copyOf(dimensionExhausted);
    quotaExhausted = List.copyOf(quotaExhausted);
  }
}
