package io.dispatch.lifecycle.source;

import static io.dispatch.testdata.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.run.CancelledException;
import io.dispatch.lifecycle.run.DeadlineExceededException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.testdata.GitHttpServer;
import io.dispatch.testdata.GitRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clones real repositories made with the git command line, over file:// and smart HTTP. */
class GitClonerIT {

  private static final String TOKEN = "ghp_testTokenThatMustNeverBePrinted42";

  @TempDir static Path base;
  private static Path served;
  private static String mainHead;
  private static String featureHead;
  private static GitHttpServer http;

  @TempDir Path target;
  private RunControl control;
  private final GitCloner cloner = new GitCloner();

  @BeforeAll
  static void createRepositories() throws IOException {
    served = Files.createDirectory(base.resolve("served"));
    GitRepos repos = new GitRepos(base);
    GitRepos.WorkTree app = repos.workTree("app");
    app.commit("one", Map.of("README.md", "v1\n"));
    app.commit("two", Map.of("README.md", "v2\n", "src/app.py", "print(2)\n"));
    app.tag("v2");
    mainHead = app.commit("three", Map.of("README.md", "v3\n"));
    featureHead = app.branch("feature").commit("feature", Map.of("FEATURE.md", "yes\n"));
    app.checkout("main");
    repos.bare(app, served, "app");

    GitRepos.WorkTree big = repos.workTree("big");
    big.commitRandom("data", 32, 64 * 1024, 1);
    repos.bare(big, served, "big");

    http = GitHttpServer.serve(served);
  }

  @AfterAll
  static void stopServer() {
    http.close();
  }

  @BeforeEach
  void startRun() {
    control = RunControl.start(Clock.systemUTC(), Duration.ofSeconds(60));
  }

  @AfterEach
  void endRun() {
    control.close();
    Thread.interrupted(); // an abort interrupts the worker, which is this test's thread
  }

  private static String fileUrl(String name) {
    return served.resolve(name + ".git").toUri().toString();
  }

  private static GitSource source(String repository, String branch, String token) {
    return new GitSource(repository, branch, "github", token);
  }

  @Test
  void cloneOverFileUrlChecksOutTheBranchTipWithOneCommitOfHistory() {
    CloneResult result = cloner.clone(source(fileUrl("app"), "main", ""), target, control);

    assertThat(result.commit()).isEqualTo(mainHead);
    assertThat(result.branch()).isEqualTo("main");
    assertThat(target.resolve("README.md")).hasContent("v3");
    assertThat(target.resolve("src/app.py")).hasContent("print(2)");
    assertThat(git(target, "rev-list", "--count", "HEAD")).isEqualTo("1");
    assertThat(target.resolve(".git/shallow")).exists();
    assertThat(git(target, "status", "--porcelain")).isEmpty();
  }

  @Test
  void onlyTheRequestedBranchIsFetchedAndNoTags() {
    CloneResult result = cloner.clone(source(fileUrl("app"), "feature", ""), target, control);

    assertThat(result.commit()).isEqualTo(featureHead);
    assertThat(target.resolve("FEATURE.md")).hasContent("yes");
    assertThat(git(target, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("feature");
    assertThat(git(target, "for-each-ref", "--format=%(refname)"))
        .isEqualTo("refs/heads/feature\nrefs/remotes/origin/feature");
    assertThat(git(target, "tag")).isEmpty();
  }

  @Test
  void aMissingBranchIsNamedWithTheRepository() {
    assertThatThrownBy(() -> cloner.clone(source(fileUrl("app"), "nope", ""), target, control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("branch 'nope' not found in " + fileUrl("app"));
  }

  @Test
  void aMissingRepositoryIsReportedAsNotFound() {
    assertThatThrownBy(() -> cloner.clone(source(fileUrl("gone"), "main", ""), target, control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("cannot clone branch 'main' of " + fileUrl("gone") + ": repository not found");
  }

  @Test
  void overHttpTheRightTokenClonesWithTheProvidersUserName() {
    http.requireBasic("x-access-token", TOKEN);

    CloneResult result = cloner.clone(source(http.url("app"), "main", TOKEN), target, control);

    assertThat(result.commit()).isEqualTo(mainHead);
    assertThat(git(target, "rev-list", "--count", "HEAD")).isEqualTo("1");
    assertThat(http.users()).isNotEmpty().containsOnly("x-access-token");
    assertThat(Files.exists(target.resolve(".git/config"))).isTrue();
    assertThat(git(target, "config", "--get", "remote.origin.url")).isEqualTo(http.url("app"));
  }

  @Test
  void overHttpAWrongTokenIsRefusedWithoutShowingIt() {
    http.requireBasic("x-access-token", TOKEN);
    String wrong = "ghp_wrongTokenAlsoSecret99";

    assertThatThrownBy(() -> cloner.clone(source(http.url("app"), "main", wrong), target, control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "cannot clone branch 'main' of "
                + http.url("app")
                + ": authentication refused (check the token)")
        .hasNoCause();
  }

  @Test
  void overHttpNoTokenIsRefusedToo() {
    http.requireBasic("x-access-token", TOKEN);

    assertThatThrownBy(() -> cloner.clone(source(http.url("app"), "main", ""), target, control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "cannot clone branch 'main' of "
                + http.url("app")
                + ": authentication refused (no token was given)");
  }

  @Test
  void credentialsWrittenIntoTheRepositoryUrlAreNeverShown() {
    http.requireBasic("x-access-token", TOKEN);
    String url = http.url("app").replace("http://", "http://someone:ghp_inUrlSecret7@");

    assertThatThrownBy(() -> cloner.clone(source(url, "main", ""), target, control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "cannot clone branch 'main' of "
                + http.url("app")
                + ": authentication refused (no token was given)");
  }

  @Test
  void overHttpAMissingRepositoryIsReportedAsNotFound() {
    http.requireBasic("x-access-token", TOKEN);

    assertThatThrownBy(() -> cloner.clone(source(http.url("gone"), "main", TOKEN), target, control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("cannot clone branch 'main' of " + http.url("gone") + ": repository not found");
  }

  @Test
  void aClosedPortIsANetworkFailure() {
    String closed = "http://127.0.0.1:9/git/app.git";

    assertThatThrownBy(() -> cloner.clone(source(closed, "main", ""), target, control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "cannot clone branch 'main' of " + closed + ": network failure (connection refused)");
  }

  @Test
  void cancellingTheRunStopsACloneInProgressPromptly() {
    try (GitHttpServer slow = GitHttpServer.serve(served).throttle(64 * 1024)) {
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
      try {
        timer.schedule(control::cancel, 1500, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();

        assertThatThrownBy(() -> cloner.clone(source(slow.url("big"), "main", ""), target, control))
            .isInstanceOf(CancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isBetween(Duration.ofMillis(1400), Duration.ofMillis(3500));
      } finally {
        timer.shutdownNow();
      }
    }
  }

  @Test
  void theRunDeadlineStopsACloneFromAServerThatNeverAnswers() {
    control.close();
    control = RunControl.start(Clock.systemUTC(), Duration.ofMillis(1500));
    try (GitHttpServer hung = GitHttpServer.serve(served).stallUploadPack()) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> cloner.clone(source(hung.url("app"), "main", ""), target, control))
          .isInstanceOf(DeadlineExceededException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
    }
  }
}
