package io.dispatch.portdetector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExposedPortTest {

  @Test
  void readsPortAndProtocol() {
    assertThat(ExposedPort.parse("8080/tcp")).containsExactly(new ExposedPort(8080, "tcp"));
    assertThat(ExposedPort.parse("53/udp")).containsExactly(new ExposedPort(53, "udp"));
    assertThat(ExposedPort.parse("53/UDP")).containsExactly(new ExposedPort(53, "udp"));
  }

  @Test
  void aPortWithoutProtocolIsTcp() {
    assertThat(ExposedPort.parse("9090")).containsExactly(new ExposedPort(9090, "tcp"));
  }

  @Test
  void expandsARange() {
    assertThat(ExposedPort.parse("8000-8002/tcp"))
        .extracting(ExposedPort::number)
        .containsExactly(8000, 8001, 8002);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "http", "0/tcp", "65536/tcp", "8080/icmp", "8002-8000", "1-1000", "80/tcp/x"})
  void ignoresKeysThatAreNotUsablePorts(String key) {
    assertThat(ExposedPort.parse(key)).isEmpty();
  }

  @Test
  void readsPortFromEnvironmentEntry() {
    assertThat(ExposedPort.fromEnv("PORT=8080")).contains(8080);
    assertThat(ExposedPort.fromEnv("PORT=")).isEmpty();
    assertThat(ExposedPort.fromEnv("PORT=abc")).isEmpty();
    assertThat(ExposedPort.fromEnv("PORT=70000")).isEmpty();
    assertThat(ExposedPort.fromEnv("SERVER_PORT=8080")).isEmpty();
    assertThat(ExposedPort.fromEnv(null)).isEmpty();
  }

  @Test
  void rejectsAnImpossiblePortWhenBuiltDirectly() {
    assertThatThrownBy(() -> new ExposedPort(0, "tcp")).hasMessageContaining("1-65535");
    assertThatThrownBy(() -> new ExposedPort(80, "icmp")).hasMessageContaining("protocol");
  }

  @Test
  void printsAsDockerWritesIt() {
    assertThat(new ExposedPort(53, "udp")).hasToString("53/udp");
  }
}
