package io.dispatch.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every address a user's URL resolves to is checked before anything connects to it. */
class LinkLocalGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"169.254.169.254", "169.254.0.7", "fe80::1", "::ffff:169.254.169.254"})
  void linkLocalAddressesNeverResolve(String host) {
    assertThatThrownBy(() -> LinkLocalGuard.INSTANCE.resolve(host))
        .isInstanceOf(LinkLocalGuard.RefusedHostException.class)
        .hasMessage(
            host + " resolves to a link-local or cloud metadata address, which is never used");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "::1"})
  void otherAddressesResolveAsUsual(String host) throws Exception {
    assertThat(LinkLocalGuard.INSTANCE.resolve(host)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "git@169.254.169.254:acme/app.git",
        "https://[fe80::1]/acme/app.git",
        "http://metadata.google.internal/acme/app.git",
        "ssh://git@169.254.1.1:22/acme/app.git"
      })
  void aCloneFromAMetadataServiceIsRefusedBeforeItStarts(String url) {
    assertThatThrownBy(() -> LinkLocalGuard.checkUrl(url))
        .isInstanceOf(LinkLocalGuard.RefusedHostException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///srv/repo.git", "http://127.0.0.1:8080/acme/app.git"})
  void localRepositoriesPass(String url) {
    assertThatCode(() -> LinkLocalGuard.checkUrl(url)).doesNotThrowAnyException();
  }
}
