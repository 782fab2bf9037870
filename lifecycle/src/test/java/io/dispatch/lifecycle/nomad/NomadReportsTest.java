package io.dispatch.lifecycle.nomad;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.nomad.apimodel.AllocationListStub;
import com.hashicorp.nomad.apimodel.AllocationMetric;
import com.hashicorp.nomad.apimodel.Deployment;
import io.dispatch.testdata.NomadFixtures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The one-line explanations, from Nomad's real wire format. */
class NomadReportsTest {

  @Test
  void constraintFilteredPlacementIsRenderedLikeTheNomadCli() throws IOException {
    JsonNode groups = NomadFixtures.read("failedtgallocs-constraint.json");
    AllocationMetric web = AllocationMetric.fromJson(groups.get("web").toString());

    assertThat(PlacementReport.describe(Map.of("web", NomadViews.placement(web))))
        .isEqualTo(
            "task group \"web\" (failed to place 2 allocations): * Constraint"
                + " \"${attr.consul.version} semver >= 1.8.0\": 2 nodes excluded by filter, *"
                + " Constraint \"missing drivers\": 1 nodes excluded by filter");
  }

  @Test
  void noEligibleNodesAndEmptyDatacentersAreNamed() throws IOException {
    AllocationMetric none =
        AllocationMetric.fromJson(
            "{\"NodesEvaluated\":0,\"NodesAvailable\":{\"dc2\":0,\"dc1\":3},\"CoalescedFailures\":0}");

    assertThat(PlacementReport.reasons(NomadViews.placement(none)))
        .containsExactly(
            "* No nodes were eligible for evaluation",
            "* No nodes are available in datacenter \"dc2\"");
  }

  @Test
  void unhealthyAllocationIsDescribedByItsLastThreeTaskEvents() throws IOException {
    List<AllocationListStub> allocations =
        AllocationListStub.fromJsonArray(NomadFixtures.text("deployment-allocations-failed.json"));

    assertThat(FailureReport.describe(NomadViews.allocations(allocations)))
        .isEqualTo(
            "web-app.web[0] (failed): Failed to pull `ghcr.io/acme/web-app:1.5.0`: Error response"
                + " from daemon: manifest for ghcr.io/acme/web-app:1.5.0 not found: manifest"
                + " unknown: manifest unknown | Exceeded allowed attempts 2 in interval 30m0s and"
                + " mode is \"fail\" | Unhealthy because of failed task");
  }

  @Test
  void healthyAllocationsAreNotReported() throws IOException {
    List<AllocationListStub> allocations =
        AllocationListStub.fromJsonArray(
            NomadFixtures.text("deployment-allocations-successful.json"));

    assertThat(FailureReport.describe(NomadViews.allocations(allocations))).isEmpty();
  }

  @Test
  void rollbackVersionIsReadFromTheStatusDescription() throws IOException {
    DeploymentSnapshot failed = snapshot("deployment-failed-autorevert.json");

    assertThat(failed.rollbackVersion()).isEqualTo(OptionalLong.of(3));
    assertThat(failed.reason()).isEqualTo("Failed due to progress deadline");
  }

  @Test
  void descriptionsWithoutARollbackHaveNoRollbackVersion() throws IOException {
    DeploymentEdit edit =
        d ->
            d.put(
                "StatusDescription",
                "Failed due to unhealthy allocations - not rolling back to stable job version 3 as"
                    + " current job has same specification");
    DeploymentSnapshot failed = snapshot("deployment-failed-unhealthy.json", edit);

    assertThat(failed.rollbackVersion()).isEmpty();
    assertThat(failed.reason()).startsWith("Failed due to unhealthy allocations - not rolling");
  }

  @Test
  void healthyCanaryWithoutAutoPromoteAwaitsPromotion() throws IOException {
    assertThat(snapshot("deployment-canary-needs-promotion.json").awaitingPromotion()).isTrue();
    assertThat(
            snapshot(
                    "deployment-canary-needs-promotion.json",
                    d -> ((ObjectNode) d.at("/TaskGroups/web")).put("AutoPromote", true))
                .awaitingPromotion())
        .isFalse();
    assertThat(snapshot("deployment-cancelled-newer-version.json").awaitingPromotion()).isFalse();
  }

  @Test
  void countersOfAllGroupsAreAddedUp() throws IOException {
    DeploymentSnapshot running = snapshot("deployment-running.json");

    assertThat(running.progress()).isEqualTo("1/2 healthy");
    assertThat(running.shortId()).isEqualTo("a7c3e9f1");
    assertThat(running.isTerminal()).isFalse();
    assertThat(snapshot("deployment-failed-unhealthy.json").progress())
        .isEqualTo("0/2 healthy, 1 unhealthy");
  }

  @Test
  void nomadErrorTextsBecomeOneLine() {
    assertThat(
            NomadApiException.oneLine(
                "1 error occurred:\n\t* Task group web validation failed: 1 error occurred:\n"
                    + "\t* Minimum healthy time must be less than healthy deadline: 5m0s > 3m0s\n\n"))
        .isEqualTo(
            "Task group web validation failed: Minimum healthy time must be less than healthy"
                + " deadline: 5m0s > 3m0s");
    assertThat(NomadApiException.oneLine("")).isEqualTo("(no message)");
  }

  /** A change to a fixture before it is read. */
  @FunctionalInterface
  interface DeploymentEdit {
    void apply(ObjectNode deployment);
  }

  private static DeploymentSnapshot snapshot(String fixture) throws IOException {
    return snapshot(fixture, d -> {});
  }

  private static DeploymentSnapshot snapshot(String fixture, DeploymentEdit edit)
      throws IOException {
    ObjectNode node = (ObjectNode) NomadFixtures.read(fixture);
    edit.apply(node);
    return NomadViews.deployment(Deployment.fromJson(node.toString()));
  }
}
