package io.dispatch.portdetector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "30s, 30000",
    "90, 90000",
    "1m30s, 90000",
    "500ms, 500",
    "1h, 3600000",
    "15m, 900000",
    "2d, 172800000",
    "1.5s, 1500",
    "' 10s ', 10000",
    "0s, 0",
  })
  void parsesGoDurationsAndBareSeconds(String text, long millis) {
    assertThat(GoDuration.parse(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " ", "abc", "-5s", "10 s", "s", "1m30", "5x", "1e3s", "9999999999999"})
  void rejectsTextThatIsNotADuration(String text) {
    assertThat(GoDuration.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "500, 500ms",
    "30000, 30s",
    "90000, 1m30s",
    "3600000, 1h",
    "3661500, 1h1m1.5s"
  })
  void formatsLikeGo(long millis, String expected) {
    assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
  }
}
