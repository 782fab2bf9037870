package io.dispatch.lifecycle.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The character-set rules, value by value: what passes, and the line that names what does not. */
class ChecksTest {

  @ParameterizedTest
  @ValueSource(strings = {"gdeployment_0042", "svc_123", "a", "a.b-c_D9", "..a", "a..b"})
  void safeIdsPass(String id) {
    assertThat(Checks.safeId(id, "deploymentId")).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".",
        "..",
        "a/b",
        "../namespace/default",
        "d1\n12:00:00 forged",
        "s\u001b[31m",
        "a b",
        "a%2Fb",
        "dé",
        "x?y",
      })
  void unsafeIdsAreRefusedByName(String id) {
    assertThatThrownBy(() -> Checks.safeId(id, "deploymentId"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(
            "'deploymentId' must be 1-128 letters, digits, '.', '-' or '_' (and not '.' or '..')");
  }

  @org.junit.jupiter.api.Test
  void safeIdsHaveABoundAndAreRequired() {
    assertThat(Checks.safeId("a".repeat(128), "serviceId")).hasSize(128);
    assertThatThrownBy(() -> Checks.safeId("a".repeat(129), "serviceId"))
        .hasMessageStartingWith("'serviceId' must be 1-128");
    assertThatThrownBy(() -> Checks.safeId(" ", "serviceId")).hasMessage("'serviceId' is required");
    assertThat(Checks.optionalSafeId("", "serviceId")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"web-app", "deployer/dispatch-1768471200-3f2a9c1e", "batch/periodic-1700000000"})
  void nomadJobIdsMayNameChildJobs(String id) {
    assertThat(Checks.nomadJobId(id, "jobs[0].jobId")).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "../namespace/default", "a/../b", "a//b", "/a", "a/", "a/."})
  void nomadJobIdsMayNotStepOutOfTheirSegment(String id) {
    assertThatThrownBy(() -> Checks.nomadJobId(id, "jobs[0].jobId"))
        .hasMessageStartingWith("'jobs[0].jobId' must be letters, digits");
  }

  @ParameterizedTest
  @CsvSource({
    "web-app, web-app",
    "deployer/dispatch-1, deployer%2Fdispatch-1",
    "a b?c#d, a%20b%3Fc%23d",
    "x:y=z@w$&+~, x:y=z@w$&+~",
    "100%, 100%25",
    "é, %C3%A9",
  })
  void pathSegmentsEscapeLikeGosPathEscape(String id, String segment) {
    assertThat(Checks.pathSegment(id, "jobId")).isEqualTo(segment);
  }

  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void dotSegmentsAreNeverAPath(String id) {
    assertThatThrownBy(() -> Checks.pathSegment(id, "jobId"))
        .hasMessage("'jobId' must not be '.' or '..'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"admin-api", "app.example.com", "a", "x1.y-2.z", "A.B.C", "xn--bcher-kva.example"})
  void hostNamesPass(String host) {
    assertThat(Checks.hostName(host, "networks[0].domain")).isEqualTo(host);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a,urlprefix-evil.com/",
        "evil.com/ strip=/x",
        "x.com\nurlprefix-evil",
        "evil.com/",
        "*.example.com",
        "-a.example.com",
        "a-.example.com",
        "a..b",
        "example.com.",
        "under_score.example",
        "https://example.com",
        "example.com:8080",
      })
  void anythingButAHostNameIsRefused(String host) {
    assertThatThrownBy(() -> Checks.hostName(host, "custom_domain"))
        .hasMessage(
            "'custom_domain' must be a host name: labels of letters, digits and '-' (1-63"
                + " characters) joined by '.'");
  }

  @org.junit.jupiter.api.Test
  void hostNamesAreBounded() {
    String label = "a".repeat(63);
    String longest = String.join(".", label, label, label, "a".repeat(61));
    assertThat(Checks.hostName(longest, "clusterDomain")).hasSize(253);
    assertThatThrownBy(() -> Checks.hostName(longest + "a", "clusterDomain"))
        .hasMessage("'clusterDomain' must be a host name of at most 253 characters");
    assertThatThrownBy(() -> Checks.hostName("a".repeat(64) + ".com", "clusterDomain"))
        .hasMessageStartingWith("'clusterDomain' must be a host name: labels");
    assertThat(Checks.hostName("  ", "clusterDomain")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"team-a", "env=prod", "v1.2", "prometheus"})
  void userTagsPass(String tag) {
    assertThat(Checks.userTag(tag, "consul.tags[0]")).isEqualTo(tag);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "urlprefix-other.tenant.com/ | must not start with 'urlprefix-': the platform's routing uses that prefix",
        "URLPREFIX-x.com/ | must not start with 'urlprefix-': the platform's routing uses that prefix",
        "custom-shop.example.org | must not start with 'custom-': the platform's routing uses that prefix",
        "tcp-lb | must not start with 'tcp-lb': the platform's routing uses that prefix",
        "blue | must not be 'blue': the platform's rollouts use that tag",
        "Green | must not be 'green': the platform's rollouts use that tag",
        "a,urlprefix-evil.com/ | must be 1-255 printable characters without spaces or commas",
        "evil.com/ strip=/x | must be 1-255 printable characters without spaces or commas",
      })
  void tagsThatWouldSteerRoutingAreRefused(String tag, String problem) {
    assertThatThrownBy(() -> Checks.userTag(tag, "consul.tags[2]"))
        .hasMessage("'consul.tags[2]' " + problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\rb", "a\tb", "a\u0000b", "a\u001bb", "a\u2028b", "a\u202eb"})
  void singleLineTextHasNoControlCharacters(String text) {
    assertThatThrownBy(() -> Checks.singleLine(text, "branch"))
        .hasMessage("'branch' must be one line of text without control characters");
  }

  @org.junit.jupiter.api.Test
  void multiLineTextAllowsLineBreaksAndTabsOnly() {
    assertThat(Checks.text("echo a\n\techo b\r\n", "command")).contains("\techo b");
    assertThatThrownBy(() -> Checks.text("a\u0000b", "command"))
        .hasMessage(
            "'command' must not contain control characters other than line breaks and tabs");
    assertThatThrownBy(() -> Checks.text("\u001b[2J", "command"))
        .isInstanceOf(InvalidParameterException.class);
  }

  @org.junit.jupiter.api.Test
  void quotedUserTextStaysOnOneLineAndShort() {
    assertThat(Checks.quote("a\nb\tc\u001bd")).isEqualTo("a\\nb\\tc\\u001bd");
    assertThat(Checks.quote("x".repeat(50))).isEqualTo("x".repeat(40) + "…");
    assertThat(Checks.escape("line 1\r\nline 2")).isEqualTo("line 1\\r\\nline 2");
  }
}
