package io.dispatch.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.run.CancelledException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jgit.api.errors.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitClonerTest {

  @Test
  void jgitTimeoutIsTheTimeLeftInWholeSecondsAndAtLeastOne() {
    assertThat(GitCloner.timeoutSeconds(Duration.ofMinutes(15))).isEqualTo(900);
    assertThat(GitCloner.timeoutSeconds(Duration.ofMillis(1200))).isEqualTo(2);
    assertThat(GitCloner.timeoutSeconds(Duration.ZERO)).isEqualTo(1);
  }

  @Test
  void theRepositoryIsShownWithoutCredentialsOrToken() {
    GitSource source =
        new GitSource("https://someone:s3cret@git.example.com/acme/app.git", "main", "", "tok");

    assertThat(GitCloner.describe(source)).isEqualTo("https://git.example.com/acme/app.git");
    assertThat(GitCloner.describe(new GitSource("acme/app", "main", "gitlab", "tok")))
        .isEqualTo("https://gitlab.com/acme/app.git");
  }

  @Test
  void sshUrlsAreRecognised() {
    assertThat(GitCloner.isSsh("git@github.com:acme/app.git")).isTrue();
    assertThat(GitCloner.isSsh("ssh://git@github.com/acme/app.git")).isTrue();
    assertThat(GitCloner.isSsh("https://github.com/acme/app.git")).isFalse();
    assertThat(GitCloner.isSsh("https://u@github.com/acme/app.git")).isFalse();
    assertThat(GitCloner.isSsh("file:///srv/git/app.git")).isFalse();
  }

  @Test
  void anSshUrlFailsClearlyWithoutAnSshTransport(@TempDir Path target) {
    try (RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofSeconds(10))) {
      assertThatThrownBy(
              () ->
                  new GitCloner()
                      .clone(
                          new GitSource("ssh://git@github.com/acme/jgit.git", "main", "", ""),
                          target,
                          control))
          .isInstanceOf(StepFailedException.class)
          .hasMessage(
              "cannot clone branch 'main' of ssh://github.com/acme/jgit.git: SSH is not supported"
                  + " here; use the repository's https:// URL with a token");
    }
  }

  @Test
  void aShortUserNameInTheUrlIsNotTreatedAsASecretEverywhere() {
    assertThat(CloneFailure.secrets(new GitSource("ssh://git@h/jgit.git", "main", "", "")))
        .containsOnly("");
    assertThat(
            CloneFailure.secrets(
                new GitSource("https://u:longpassword@h/x.git", "main", "", "ghp_tok")))
        .contains("ghp_tok", "longpassword");
  }

  @Test
  void failuresAreClassifiedFromJGitsExceptions() {
    assertThat(
            CloneFailure.classify(
                    new TransportException("x: Remote branch 'refs/heads/dev' not found"), "dev")
                .kind())
        .isEqualTo(CloneFailure.Kind.BRANCH_NOT_FOUND);
    assertThat(
            CloneFailure.classify(
                    new TransportException("x: 403 git-upload-pack not permitted on 'x'"), "main")
                .kind())
        .isEqualTo(CloneFailure.Kind.ACCESS_DENIED);
    assertThat(
            CloneFailure.classify(
                    new TransportException("x", new SocketTimeoutException("Read timed out")),
                    "main")
                .kind())
        .isEqualTo(CloneFailure.Kind.TIMED_OUT);
    CloneFailure.Reason unknownHost =
        CloneFailure.classify(
            new TransportException("x", new UnknownHostException("git.example.invalid")), "main");
    assertThat(unknownHost.kind()).isEqualTo(CloneFailure.Kind.NETWORK);
    assertThat(unknownHost.detail()).isEqualTo("unknown host git.example.invalid");
  }

  @Test
  void otherFailuresKeepJGitsMessageWithoutSecrets() {
    CloneFailure.Reason reason =
        CloneFailure.classify(
            new TransportException("https://u:tok123@h/x.git: weird tok123 failure"),
            "main",
            "tok123");

    assertThat(reason.kind()).isEqualTo(CloneFailure.Kind.OTHER);
    assertThat(reason.detail()).isEqualTo("https://h/x.git: weird *** failure");
  }

  @Test
  void aRunAlreadyCancelledDoesNotStartTheClone(@TempDir Path target) {
    try (RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofSeconds(10))) {
      control.cancel();
      Thread.interrupted();

      assertThatThrownBy(
              () ->
                  new GitCloner().clone(new GitSource("acme/app", "main", "", ""), target, control))
          .isInstanceOf(CancelledException.class);
    }
  }
}
