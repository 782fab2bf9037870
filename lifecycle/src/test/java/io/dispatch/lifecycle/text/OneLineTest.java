package io.dispatch.lifecycle.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class OneLineTest {

  @Test
  void everyRunOfWhiteSpaceIsOneSpaceAndTheEndsAreTrimmed() {
    assertThat(OneLine.of("  1 error occurred:\n\t* port 8080\r\n  in use \n"))
        .isEqualTo("1 error occurred: * port 8080 in use");
  }

  @Test
  void nothingIsTheEmptyLine() {
    assertThat(OneLine.of(null)).isEmpty();
    assertThat(OneLine.of(null, 10)).isEmpty();
  }

  @Test
  void aLongLineIsCutAndTheCutIsMarked() {
    assertThat(OneLine.of("abc\ndefgh", 5)).isEqualTo("abc d…");
    assertThat(OneLine.of("abc\nde", 6)).isEqualTo("abc de");
  }

  @Test
  void aFailureIsItsMessageOnOneLineOrElseItsKind() {
    assertThat(OneLine.message(new IOException("Connection reset\n by peer")))
        .isEqualTo("Connection reset by peer");
    assertThat(OneLine.message(new IllegalStateException())).isEqualTo("IllegalStateException");
    assertThat(OneLine.message(new IOException(" \n"))).isEqualTo("IOException");
  }
}
