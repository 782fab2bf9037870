package io.dispatch.portdetector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkPlanTest {

  private static NetworkEntry requested(int port, boolean isPublic, String domain) {
    return new NetworkEntry(
        port,
        PortType.HTTP,
        isPublic,
        domain,
        "",
        "http",
        HealthCheck.defaultFor(PortType.HTTP, port));
  }

  @Test
  void zeroConfigEntriesThatGetADomainBecomePublic() {
    NetworkPlan plan = PortDetector.plan(List.of(), List.of(3000, 5432));

    NetworkPlan withDomains = plan.withDomains(Map.of(3000, "web.cloud.app"));

    assertThat(withDomains.entries().get(0).domain()).isEqualTo("web.cloud.app");
    assertThat(withDomains.entries().get(0).isPublic()).isTrue();
    assertThat(withDomains.entries().get(1).domain()).isEmpty();
    assertThat(withDomains.entries().get(1).isPublic()).isFalse();
  }

  @Test
  void userDomainsAreNeverOverwritten() {
    NetworkPlan plan = PortDetector.plan(List.of(requested(8080, true, "mine")), List.of());

    NetworkPlan after = plan.withDomains(Map.of(8080, "allocated"));

    assertThat(after.entries().get(0).domain()).isEqualTo("mine");
  }

  @Test
  void requestedEntriesKeepTheirPublicFlagWhenTheyGetADomain() {
    NetworkPlan plan = PortDetector.plan(List.of(requested(8080, false, "")), List.of());

    NetworkPlan after = plan.withDomains(Map.of(8080, "allocated.cloud.app"));

    assertThat(after.entries().get(0).domain()).isEqualTo("allocated.cloud.app");
    assertThat(after.entries().get(0).isPublic()).isFalse();
  }

  @Test
  void onlyPortsWithoutADomainAreAskedForOne() {
    NetworkPlan plan =
        PortDetector.plan(
            List.of(
                requested(8080, true, "mine"),
                requested(9000, true, ""),
                requested(9000, false, "")),
            List.of());

    assertThat(plan.portsWithoutDomain()).containsExactly(9000);
  }

  @Test
  void blankAllocationsChangeNothing() {
    NetworkPlan plan = PortDetector.plan(List.of(), List.of(3000));

    assertThat(plan.withDomains(Map.of(3000, " ")).entries().get(0).hasDomain()).isFalse();
  }
}
