package io.dispatch.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void userInfoIsDroppedFromUrls() {
    assertThat(
            Redaction.clean(
                "https://x-access-token:ghs_abc@github.com/acme/app.git: not authorized"))
        .isEqualTo("https://github.com/acme/app.git: not authorized");
  }

  @Test
  void queryStringsAreDroppedFromUrls() {
    assertThat(
            Redaction.clean(
                "Circular redirect to 'https://minio:9000/b/x.tar.gz?X-Amz-Signature=abc123&X-Amz-Date=1'"))
        .isEqualTo("Circular redirect to 'https://minio:9000/b/x.tar.gz'");
  }

  @Test
  void knownSecretsAreReplacedAnywhere() {
    assertThat(Redaction.clean("token ghs_abc rejected", "ghs_abc", "", null))
        .isEqualTo("token *** rejected");
  }

  @Test
  void theResultIsOneLine() {
    assertThat(Redaction.clean("first\n  second\tthird ")).isEqualTo("first second third");
    assertThat(Redaction.clean(null)).isEmpty();
  }
}
