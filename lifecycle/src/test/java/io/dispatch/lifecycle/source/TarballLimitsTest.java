package io.dispatch.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TarballLimitsTest {

  @Test
  void defaultsAllowOneGibibyteCompressed() {
    TarballLimits limits = TarballLimits.defaults();

    assertThat(limits.maxCompressedBytes()).isEqualTo(1L << 30);
    assertThat(limits.maxExtractedBytes()).isEqualTo(4L << 30);
    assertThat(limits.maxEntries()).isEqualTo(200_000);
  }

  @Test
  void sizesAreWrittenInBinaryUnits() {
    assertThat(TarballLimits.format(12)).isEqualTo("12 bytes");
    assertThat(TarballLimits.format(1536)).isEqualTo("1.5 KiB");
    assertThat(TarballLimits.format(512L << 20)).isEqualTo("512 MiB");
    assertThat(TarballLimits.format(1L << 30)).isEqualTo("1 GiB");
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> TarballLimits.defaults().withSizes(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> TarballLimits.defaults().withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("'connectTimeout' must be positive");
  }
}
