package io.dispatch.lifecycle.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.build.BuilderChoice.Choice;
import io.dispatch.lifecycle.build.BuilderChoice.Run;
import io.dispatch.lifecycle.build.BuilderChoice.Unavailable;
import io.dispatch.lifecycle.params.BuildSpec;
import io.dispatch.lifecycle.params.BuilderName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuilderChoiceTest {

  private static final String LOOKED_FOR =
      "(looked for Dockerfile, dockerfile, Dockerfile.prod, Dockerfile.production, Dockerfile.dev,"
          + " Dockerfile.development)";

  private static BuildSpec spec(String builder, String dockerfilePath, String rootDirectory) {
    return new BuildSpec(
        BuilderName.parse(builder),
        dockerfilePath,
        rootDirectory,
        "",
        Map.of(),
        Map.of(),
        false,
        "",
        "",
        Optional.empty());
  }

  private static Choice choose(BuildSpec spec, Set<String> files, Set<BuilderName> installed) {
    return BuilderChoice.choose(spec, files::contains, installed::contains);
  }

  private static Choice auto(Set<String> files, Set<BuilderName> installed) {
    return choose(spec("", "", "app"), files, installed);
  }

  @Test
  void withoutABuilderADockerfileMeansADockerfileBuildEvenWhenRailpackIsInstalled() {
    Choice c = auto(Set.of("Dockerfile", "package.json"), Set.of(BuilderName.RAILPACK));

    assertThat(c)
        .isEqualTo(new Run(BuilderName.CSDOCKER, "Dockerfile", "Dockerfile found in app/"));
  }

  @Test
  void theOtherUsualDockerfileNamesAreFoundInTheirOrder() {
    assertThat(auto(Set.of("Dockerfile.dev", "Dockerfile.prod"), Set.of()))
        .isEqualTo(
            new Run(BuilderName.CSDOCKER, "Dockerfile.prod", "Dockerfile.prod found in app/"));
    assertThat(auto(Set.of("dockerfile"), Set.of()))
        .extracting(c -> ((Run) c).dockerfile())
        .isEqualTo("dockerfile");
  }

  @Test
  void withoutADockerfileRailpackIsChosenBeforeNixpacks() {
    Choice c = auto(Set.of("package.json"), Set.of(BuilderName.RAILPACK, BuilderName.NIXPACKS));

    assertThat(c)
        .isEqualTo(
            new Run(
                BuilderName.RAILPACK,
                "",
                "no Dockerfile in app/ " + LOOKED_FOR + "; railpack is on PATH"));
  }

  @Test
  void withoutADockerfileOrRailpackNixpacksIsChosen() {
    Choice c = auto(Set.of(), Set.of(BuilderName.NIXPACKS));

    assertThat(c).isInstanceOf(Run.class);
    assertThat(((Run) c).builder()).isEqualTo(BuilderName.NIXPACKS);
    assertThat(((Run) c).why()).endsWith("railpack is not on PATH, nixpacks is");
  }

  @Test
  void withNothingToBuildWithTheReasonNamesWhatWasTriedAndWhatIsMissing() {
    assertThat(auto(Set.of("package.json"), Set.of()))
        .isEqualTo(
            new Unavailable(
                "no Dockerfile in app/ "
                    + LOOKED_FOR
                    + ", and neither railpack nor nixpacks is on PATH"));
  }

  @Test
  void theRepositoryRootIsNamedAsSuch() {
    Choice c = choose(spec("", "", ""), Set.of(), Set.of());

    assertThat(((Unavailable) c).reason()).startsWith("no Dockerfile in the repository root (");
  }

  @Test
  void aDockerfilePathOtherThanTheDefaultIsTheOnlyOneLookedForAndAsksForADockerfileBuild() {
    BuildSpec custom = spec("", "docker/api.Dockerfile", "app");

    assertThat(choose(custom, Set.of("docker/api.Dockerfile"), Set.of()))
        .isEqualTo(
            new Run(
                BuilderName.CSDOCKER,
                "docker/api.Dockerfile",
                "docker/api.Dockerfile found in app/"));
    assertThat(choose(custom, Set.of("Dockerfile"), Set.of(BuilderName.RAILPACK)))
        .isEqualTo(
            new Unavailable(
                "build.dockerfilePath is set but there is no docker/api.Dockerfile in app/"));
  }

  @Test
  void csdockerAndDockerAreTheDockerfileBuildAndFailWithoutADockerfile() {
    for (String name : new String[] {"csdocker", "docker", "Docker"}) {
      assertThat(choose(spec(name, "", ""), Set.of("Dockerfile.production"), Set.of()))
          .isEqualTo(
              new Run(BuilderName.CSDOCKER, "Dockerfile.production", "build.builder is csdocker"));
      assertThat(choose(spec(name, "", "web"), Set.of(), Set.of(BuilderName.RAILPACK)))
          .isEqualTo(
              new Unavailable(
                  "build.builder is csdocker but there is no Dockerfile in web/ " + LOOKED_FOR));
    }
  }

  @Test
  void aNamedCommandLineBuilderIsUsedEvenWithADockerfileAndNeverReplacedWhenMissing() {
    assertThat(choose(spec("nixpacks", "", ""), Set.of("Dockerfile"), Set.of(BuilderName.NIXPACKS)))
        .isEqualTo(new Run(BuilderName.NIXPACKS, "", "build.builder is nixpacks"));
    assertThat(choose(spec("railpack", "", ""), Set.of("Dockerfile"), Set.of(BuilderName.NIXPACKS)))
        .isEqualTo(new Unavailable("build.builder is railpack but railpack is not on PATH"));
  }

  @Test
  void noopIsNotABuildAndIsNeverChosenHere() {
    assertThatThrownBy(() -> choose(spec("noop", "", ""), Set.of("Dockerfile"), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
