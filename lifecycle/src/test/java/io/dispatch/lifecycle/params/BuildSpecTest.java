package io.dispatch.lifecycle.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildSpecTest {

  private static BuildSpec withVariables(Map<String, String> args, Map<String, String> env) {
    return new BuildSpec(BuilderName.AUTO, "", "", "", args, env, false, "", "", Optional.empty());
  }

  @Test
  void builderNamesAreReadInAnyCaseAndDockerIsCsdocker() {
    assertThat(BuilderName.parse(null)).isEqualTo(BuilderName.AUTO);
    assertThat(BuilderName.parse("  ")).isEqualTo(BuilderName.AUTO);
    assertThat(BuilderName.parse("docker")).isEqualTo(BuilderName.CSDOCKER);
    assertThat(BuilderName.parse("CSDocker")).isEqualTo(BuilderName.CSDOCKER);
    assertThat(BuilderName.parse("Railpack ")).isEqualTo(BuilderName.RAILPACK);
    assertThat(BuilderName.parse("nixpacks")).isEqualTo(BuilderName.NIXPACKS);
    assertThat(BuilderName.parse("noop")).isEqualTo(BuilderName.NOOP);
  }

  @Test
  void anUnknownBuilderNamesTheFieldAndNotTheValue() {
    assertThatThrownBy(() -> BuilderName.parse("pack --publish"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith(
            "'build.builder' must be csdocker, docker, railpack, nixpacks or noop")
        .hasMessageNotContaining("publish");
  }

  @Test
  void theBuildEnvironmentIsBothMapsSortedWithBuildArgsWinning() {
    BuildSpec spec =
        withVariables(
            Map.of("NODE_ENV", "test", "B_ARG", "1"), Map.of("NODE_ENV", "production", "A", "x"));

    assertThat(spec.buildEnvironment())
        .containsExactly(
            Map.entry("A", "x"), Map.entry("B_ARG", "1"), Map.entry("NODE_ENV", "test"));
  }

  @Test
  void variableNamesThatCouldBecomeAnotherArgumentAreRefused() {
    for (String bad : new String[] {"", "-x", "--env", "A=B", "A B", "A\nB"}) {
      assertThatThrownBy(() -> withVariables(Map.of(bad, "v"), Map.of()))
          .as(bad)
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageStartingWith("'build.buildArgs' names must not");
      assertThatThrownBy(() -> withVariables(Map.of(), Map.of(bad, "v")))
          .as(bad)
          .hasMessageStartingWith("'build.staticBuildEnv' names must not");
    }
    assertThat(withVariables(Map.of("npm_config_cache", "a-b", "X.Y", "v"), Map.of()).buildArgs())
        .hasSize(2);
  }
}
