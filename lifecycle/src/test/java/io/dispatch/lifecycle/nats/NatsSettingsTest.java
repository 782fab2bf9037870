package io.dispatch.lifecycle.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NatsSettingsTest {

  /** The shape of an NKey user seed; not a key. */
  private static final String SEED = "SU" + "A".repeat(56);

  @Test
  void withoutServersOrSeedNothingIsConfigured() {
    assertThat(NatsSettings.of("", SEED, "cs")).isNull();
    assertThat(NatsSettings.of("nats://n1:4222", " ", "cs")).isNull();
    assertThat(NatsSettings.of(null, null, null)).isNull();
  }

  @Test
  void serversAreCommaSeparatedAndThePrefixIsOptional() {
    NatsSettings s = NatsSettings.of(" nats://n1:4222, tls://n2:4443 ,n3:4222", SEED, "");

    assertThat(s.servers()).containsExactly("nats://n1:4222", "tls://n2:4443", "n3:4222");
    assertThat(s.prefix()).isEmpty();
    assertThat(s.toString()).doesNotContain(SEED);
  }

  @Test
  void aMalformedValueIsRefusedNamingItsVariableWithoutQuotingIt() {
    assertThatThrownBy(() -> NatsSettings.of("nats://n1:4222", "SUnotaseed", "cs"))
        .isInstanceOfSatisfying(
            NatsSettings.InvalidSettingException.class,
            e -> assertThat(e.variable()).isEqualTo("NATS_CLIENT_PRIVATE_KEY"))
        .hasMessageNotContaining("SUnotaseed");
    assertThatThrownBy(() -> NatsSettings.of("nats://n1 :4222", SEED, ""))
        .isInstanceOfSatisfying(
            NatsSettings.InvalidSettingException.class,
            e -> assertThat(e.variable()).isEqualTo("NATS_SERVERS"));
    for (String prefix : List.of("cs.>", "a b", "cs.", ".cs", "c*")) {
      assertThatThrownBy(() -> NatsSettings.of("nats://n1:4222", SEED, prefix))
          .as(prefix)
          .isInstanceOfSatisfying(
              NatsSettings.InvalidSettingException.class,
              e -> assertThat(e.variable()).isEqualTo("NATS_STREAM_PREFIX"));
    }
  }

  @Test
  void theSeedAndAnyServerPasswordAreSecretsAndNeverDescribed() {
    NatsSettings s = NatsSettings.of("nats://bob:pw-1234@n1:4222,n2:4222", SEED, "cs.prod");

    assertThat(s.secrets()).containsExactly(SEED, "pw-1234");
    assertThat(s.describeServers()).isEqualTo("nats://n1:4222,n2:4222");
  }

  @Test
  void aSubjectTokenHasNoSpaceDotOrWildcard() {
    assertThat(NatsSettings.isToken("gdeployment_0042")).isTrue();
    assertThat(NatsSettings.isToken("7f9c2d1e-0b4a-4c57-9d1e-2a3b4c5d6e7f")).isTrue();
    for (String bad : List.of("", "a.b", "a b", "a*", "a>", "a\nb")) {
      assertThat(NatsSettings.isToken(bad)).as(bad).isFalse();
    }
  }
}
