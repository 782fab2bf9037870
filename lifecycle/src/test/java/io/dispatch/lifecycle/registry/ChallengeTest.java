package io.dispatch.lifecycle.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {

  @Test
  void aBearerChallengeKeepsCommasInsideQuotedValues() {
    List<Challenge> challenges =
        Challenge.parse(
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:samalba/my-app:pull,push\"");

    assertThat(challenges)
        .containsExactly(
            new Challenge(
                "bearer",
                Map.of(
                    "realm", "https://auth.docker.io/token",
                    "service", "registry.docker.io",
                    "scope", "repository:samalba/my-app:pull,push")));
  }

  @Test
  void aBasicChallengeHasItsRealm() {
    assertThat(Challenge.parse("Basic realm=\"dispatch-test\""))
        .containsExactly(new Challenge("basic", Map.of("realm", "dispatch-test")));
  }

  @Test
  void schemesAndParameterNamesAreCaseInsensitive() {
    Challenge c = Challenge.parse("BEARER Realm=\"https://x/token\", SERVICE=reg").get(0);

    assertThat(c.is("bearer")).isTrue();
    assertThat(c.param("realm")).contains("https://x/token");
    assertThat(c.param("Service")).contains("reg");
  }

  @Test
  void oneHeaderMayCarrySeveralChallenges() {
    List<Challenge> challenges =
        Challenge.parse("Bearer realm=\"https://a/t\",service=\"s\", Basic realm=\"r\", Negotiate");

    assertThat(challenges)
        .extracting(Challenge::scheme)
        .containsExactly("bearer", "basic", "negotiate");
    assertThat(challenges.get(1).param("realm")).contains("r");
    assertThat(challenges.get(2).params()).isEmpty();
  }

  @Test
  void severalHeaderValuesAreParsedInOrder() {
    List<Challenge> challenges =
        Challenge.parse(List.of("Basic realm=\"one\"", "Bearer realm=\"https://two/token\""));

    assertThat(challenges).extracting(Challenge::scheme).containsExactly("basic", "bearer");
  }

  @Test
  void escapedQuotesAndSpacesAroundEqualsAreHandled() {
    Challenge c =
        Challenge.parse("Bearer realm = \"https://a/t\" , error=\"say \\\"hi\\\"\"").get(0);

    assertThat(c.param("realm")).contains("https://a/t");
    assertThat(c.param("error")).contains("say \"hi\"");
  }

  @Test
  void unquotedUrlValuesAreAccepted() {
    assertThat(
            Challenge.parse("Bearer realm=https://auth.example.com/token,service=x")
                .get(0)
                .params())
        .containsEntry("realm", "https://auth.example.com/token")
        .containsEntry("service", "x");
  }

  @Test
  void token68CredentialsAreSkippedWithoutBreakingTheNextChallenge() {
    List<Challenge> challenges = Challenge.parse("Negotiate abc123==, Basic realm=\"r\"");

    assertThat(challenges).extracting(Challenge::scheme).containsExactly("negotiate", "basic");
    assertThat(challenges.get(1).param("realm")).contains("r");
  }

  @Test
  void emptyOrMissingHeadersGiveNoChallenges() {
    assertThat(Challenge.parse((String) null)).isEmpty();
    assertThat(Challenge.parse("")).isEmpty();
    assertThat(Challenge.parse(" , ,")).isEmpty();
  }

  @Test
  void anUnterminatedQuoteTakesTheRestOfTheHeader() {
    assertThat(Challenge.parse("Bearer realm=\"https://a/t").get(0).param("realm"))
        .contains("https://a/t");
  }
}
