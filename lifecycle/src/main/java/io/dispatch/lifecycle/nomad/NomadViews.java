package io.dispatch.lifecycle.nomad;

import com.hashicorp.nomad.apimodel.AllocationListStub;
import com.hashicorp.nomad.apimodel.AllocationMetric;
import com.hashicorp.nomad.apimodel.Deployment;
import com.hashicorp.nomad.apimodel.DeploymentState;
import com.hashicorp.nomad.apimodel.Evaluation;
import com.hashicorp.nomad.apimodel.Job;
import com.hashicorp.nomad.apimodel.TaskEvent;
import com.hashicorp.nomad.apimodel.TaskState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nomad-sdk's model objects as our records, for {@link NomadApi}: the one place that reads the
 * SDK's getters. Missing texts become empty, missing counts 0, missing maps and lists empty.
 */
final class NomadViews {

  private NomadViews() {}

  static JobVersion job(Job job) {
    return new JobVersion(number(job.getVersion(), 0), number(job.getJobModifyIndex(), 0));
  }

  /** The evaluation, or null when Nomad answered none. */
  static EvaluationView evaluation(Evaluation e) {
    if (e == null) {
      return null;
    }
    Map<String, PlacementMetrics> failed = new LinkedHashMap<>();
    if (e.getFailedTgAllocs() != null) {
      e.getFailedTgAllocs().forEach((group, metric) -> failed.put(group, placement(metric)));
    }
    return new EvaluationView(
        text(e.getId()),
        text(e.getStatus()),
        text(e.getStatusDescription()),
        text(e.getBlockedEval()),
        text(e.getDeploymentId()),
        text(e.getNextEval()),
        failed);
  }

  static PlacementMetrics placement(AllocationMetric m) {
    return new PlacementMetrics(
        m.getCoalescedFailures(),
        m.getNodesEvaluated(),
        counts(m.getNodesAvailable()),
        counts(m.getClassFiltered()),
        counts(m.getConstraintFiltered()),
        m.getNodesExhausted(),
        counts(m.getClassExhausted()),
        counts(m.getDimensionExhausted()),
        m.getQuotaExhausted() == null ? List.of() : m.getQuotaExhausted());
  }

  /** The deployment, or null when Nomad answered none (a job that has none yet). */
  static DeploymentSnapshot deployment(Deployment d) {
    if (d == null) {
      return null;
    }
    List<DeploymentSnapshot.GroupState> groups = new ArrayList<>();
    if (d.getTaskGroups() != null) {
      for (DeploymentState g : d.getTaskGroups().values()) {
        groups.add(
            new DeploymentSnapshot.GroupState(
                g.getDesiredTotal(),
                g.getPlacedAllocs(),
                g.getHealthyAllocs(),
                g.getUnhealthyAllocs(),
                g.getDesiredCanaries(),
                g.getPromoted(),
                // AutoPromote (Nomad 0.11+) is not in the SDK's DeploymentState model.
                Boolean.TRUE.equals(g.getUnmappedProperties().get("AutoPromote"))));
      }
    }
    return DeploymentSnapshot.of(
        text(d.getId()),
        number(d.getJobVersion(), -1),
        text(d.getStatus()),
        text(d.getStatusDescription()),
        groups);
  }

  static List<AllocationView> allocations(List<AllocationListStub> stubs) {
    if (stubs == null) {
      return List.of();
    }
    List<AllocationView> views = new ArrayList<>();
    for (AllocationListStub a : stubs) {
      List<AllocationView.Event> events = new ArrayList<>();
      if (a.getTaskStates() != null) {
        for (TaskState state : a.getTaskStates().values()) {
          if (state.getEvents() != null) {
            for (TaskEvent e : state.getEvents()) {
              events.add(
                  new AllocationView.Event(
                      e.getTime(), text(e.getDisplayMessage()), text(e.getMessage())));
            }
          }
        }
      }
      boolean markedUnhealthy =
          a.getDeploymentStatus() != null
              && Boolean.FALSE.equals(a.getDeploymentStatus().getHealthy());
      views.add(
          new AllocationView(
              String.valueOf(a.getName()),
              String.valueOf(a.getClientStatus()),
              markedUnhealthy,
              events));
    }
    return views;
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static long number(BigInteger n, long missing) {
    return n == null ? missing : n.longValue();
  }

  private static Map<String, Integer> counts(Map<String, Integer> map) {
    return map == null ? Map.of() : map;
  }
}
