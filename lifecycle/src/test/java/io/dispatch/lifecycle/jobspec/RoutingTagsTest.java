package io.dispatch.lifecycle.jobspec;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatch.portdetector.HealthCheck;
import io.dispatch.portdetector.NetworkEntry;
import io.dispatch.portdetector.PortType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTagsTest {

  private static final List<String> ROUTING = List.of("urlprefix-", "custom-", "tcp-lb", "green");

  private static NetworkEntry entry(
      PortType type, boolean isPublic, String domain, String customDomain) {
    return new NetworkEntry(
        8080,
        type,
        isPublic,
        domain,
        customDomain,
        type.wire(),
        HealthCheck.defaultFor(type, 8080));
  }

  @Test
  void aPublicHttpEntryIsRoutedToItsDomainAndItsCanariesToTheCanaryDomain() {
    RoutingTags.Tags t =
        RoutingTags.of(
            entry(PortType.HTTP, true, "app", "shop.example.org"), "apps.test", List.of());

    assertThat(t.tags())
        .containsExactly("blue", "urlprefix-app.apps.test", "custom-shop.example.org");
    assertThat(t.canaryTags())
        .containsExactly(
            "green", "urlprefix-canary-app.apps.test", "custom-canary-shop.example.org");
  }

  @Test
  void aPublicTcpEntryIsPublishedOnTheTcpLoadBalancer() {
    RoutingTags.Tags t =
        RoutingTags.of(entry(PortType.TCP, true, "db", ""), "apps.test", List.of());

    assertThat(t.tags()).containsExactly("blue", "urlprefix-db.apps.test", "tcp-lb");
    assertThat(t.canaryTags()).containsExactly("green", "urlprefix-canary-db.apps.test");
  }

  @Test
  void noPrivateEntryCarriesAnyRoutingTag() {
    List<NetworkEntry> privates = new ArrayList<>();
    for (PortType type : PortType.values()) {
      privates.add(entry(type, false, "", ""));
      privates.add(entry(type, false, "db", "db.example.org"));
      privates.add(entry(type, false, "db.internal.example", ""));
    }
    for (NetworkEntry e : privates) {
      RoutingTags.Tags t = RoutingTags.of(e, "apps.test", List.of("team-a"));

      assertThat(t.tags()).as(e.toString()).containsExactly("blue", "team-a");
      assertThat(t.canaryTags()).as(e.toString()).isEmpty();
      assertThat(String.join(" ", t.tags())).doesNotContain(ROUTING.toArray(String[]::new));
    }
  }

  @Test
  void aBareLabelGetsTheClusterDomain() {
    assertThat(RoutingTags.fqdn("app", "apps.test")).isEqualTo("app.apps.test");
  }

  @Test
  void aDomainWithADotIsUsedAsItIs() {
    assertThat(RoutingTags.fqdn("app.other.org", "apps.test")).isEqualTo("app.other.org");
  }

  @Test
  void anAllocatedDomainGetsTheSuffixOnlyOnce() {
    assertThat(RoutingTags.fqdn("sub123.apps.test", "apps.test")).isEqualTo("sub123.apps.test");
  }

  @Test
  void withoutAClusterDomainABareLabelStaysBare() {
    assertThat(RoutingTags.fqdn("app", "")).isEqualTo("app");
  }

  @Test
  void theClusterDomainIsReadWithoutALeadingDotAndInLowerCase() {
    assertThat(RoutingTags.fqdn("App", ".Apps.Test")).isEqualTo("app.apps.test");
  }
}
