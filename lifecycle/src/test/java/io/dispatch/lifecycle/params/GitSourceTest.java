package io.dispatch.lifecycle.params;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitSourceTest {

  @Test
  void ownerSlashRepoClonesFromTheProvidersHost() {
    assertThat(new GitSource("acme/app", "main", "gitlab", "tok-1234").cloneUrl())
        .isEqualTo("https://gitlab.com/acme/app.git");
    assertThat(new GitSource("acme/app", "main", "", "").cloneUrl())
        .isEqualTo("https://github.com/acme/app.git");
  }

  @Test
  void credentialsWrittenIntoTheUrlNeverShowInDisplayOrToString() {
    GitSource source =
        new GitSource(
            "https://someone:url-secret-77@git.example.test/acme/app.git", "main", "", "tok-5678");

    assertThat(source.display()).isEqualTo("https://git.example.test/acme/app.git");
    assertThat(source.toString())
        .doesNotContain("url-secret-77")
        .doesNotContain("tok-5678")
        .doesNotContain("someone");
  }
}
