package io.dispatch.lifecycle.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerIgnoreTest {

  private static DockerIgnore rules(String... lines) {
    return DockerIgnore.parse(List.of(lines));
  }

  @Test
  void commentsAndBlankLinesAreNotRules() {
    DockerIgnore ignore = rules("# a comment", "", "   ", "#secret.txt");

    assertThat(ignore.excludes("# a comment")).isFalse();
    assertThat(ignore.excludes("secret.txt")).isFalse();
    assertThat(ignore.hasExceptions()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "*.log,            app.log,              true",
    "*.log,            logs/app.log,         false",
    "*/*.log,          logs/app.log,         true",
    "**/*.log,         app.log,              true",
    "**/*.log,         a/b/c/app.log,        true",
    "node_modules,     node_modules,         true",
    "node_modules,     node_modules/x/y.js,  true",
    "node_modules,     src/node_modules,     false",
    "build/,           build/out.jar,        true",
    "/target,          target/classes/A.class, true",
    "./dist,           dist/app.js,          true",
    "a//b/../c,        a/c,                  true",
    "temp?,            temp1,                true",
    "temp?,            temp12,               false",
    "temp?,            temp/,                false",
    "file[0-9].txt,    file7.txt,            true",
    "file[0-9].txt,    filex.txt,            false",
    "file[^0-9].txt,   filex.txt,            true",
    "docs/**,          docs/a/b.md,          true",
    "docs/**,          docs,                 false",
    "**,               anything/at/all,      true",
    "a.b,              aXb,                  false",
    "  spaced.txt  ,   spaced.txt,           true"
  })
  void patternsMatchLikeDockers(String pattern, String path, boolean excluded) {
    assertThat(rules(pattern).excludes(path)).isEqualTo(excluded);
  }

  @Test
  void anExceptionReIncludesAndTheLastMatchingRuleWins() {
    DockerIgnore ignore = rules("*.md", "!README.md", "README*.md");

    assertThat(ignore.excludes("CHANGES.md")).isTrue();
    assertThat(ignore.excludes("README.md")).isTrue();
    assertThat(rules("*.md", "!README.md").excludes("README.md")).isFalse();
    assertThat(ignore.hasExceptions()).isTrue();
  }

  @Test
  void anExceptionCanReIncludeAFileInsideAnExcludedDirectory() {
    DockerIgnore ignore = rules("docs", "!docs/keep.md");

    assertThat(ignore.excludes("docs/other.md")).isTrue();
    assertThat(ignore.excludes("docs/keep.md")).isFalse();
    assertThat(ignore.excludes("docs")).isTrue();
  }

  @Test
  void anExceptionWithSpaceAfterTheBangIsStillAnException() {
    assertThat(rules("*", "! app.jar").excludes("app.jar")).isFalse();
  }

  @Test
  void theDockerfileAndIgnoreFileAreAlwaysKept() {
    DockerIgnore ignore =
        DockerIgnore.parse(List.of("*", "docker/**"), "docker/Dockerfile.prod", ".dockerignore");

    assertThat(ignore.excludes("docker/Dockerfile.prod")).isFalse();
    assertThat(ignore.excludes(".dockerignore")).isFalse();
    assertThat(ignore.excludes("docker/other")).isTrue();
    assertThat(ignore.excludes("src")).isTrue();
  }

  @Test
  void aBackslashEscapesAWildcard() {
    DockerIgnore ignore = rules("\\*.md");

    assertThat(ignore.excludes("*.md")).isTrue();
    assertThat(ignore.excludes("x.md")).isFalse();
  }

  @Test
  void noRulesExcludeNothing() {
    assertThat(DockerIgnore.none().excludes("anything")).isFalse();
  }

  @Test
  void cleaningFollowsGosFilepathClean() {
    assertThat(DockerIgnore.clean("./a//b/../c/")).isEqualTo("a/c");
    assertThat(DockerIgnore.clean("/abs/path")).isEqualTo("abs/path");
    assertThat(DockerIgnore.clean(".")).isEmpty();
  }
}
