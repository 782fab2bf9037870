package io.dispatch.lifecycle.docker;

import static io.dispatch.lifecycle.docker.TestImages.env;
import static io.dispatch.lifecycle.docker.TestImages.uniqueRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.run.DeadlineExceededException;
import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEngineIT {

  private static DockerEngine engine;
  private static final List<String> createdTags = new CopyOnWriteArrayList<>();

  @TempDir Path dir;
  private RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofMinutes(3));

  @BeforeAll
  static void connect() {
    engine = TestImages.engine();
  }

  @AfterEach
  void stopRun() {
    control.close();
    Thread.interrupted();
  }

  /** Removes each test's tag and images, which share no layer with another test's. */
  @AfterAll
  static void cleanUp() throws IOException {
    List<String> left = new ArrayList<>();
    for (String tag : createdTags) {
      engine.remove(tag);
      left.addAll(TestImages.removeImagesOwnedBy(engine, TestImages.owner(Set.of(tag))));
    }
    engine.close();
    assertThat(left).as("images the clean-up could not remove").isEmpty();
  }

  private String tag(String registry, String test) {
    String tag = registry + "/" + uniqueRepository(test) + ":1";
    createdTags.add(tag);
    return tag;
  }

  @Test
  void aFailingRunStepFailsTheBuildWithTheDaemonsMessageAndLeavesNothingBehind() {
    String tag = tag("localhost", "failing-run");
    List<String> log = new CopyOnWriteArrayList<>();

    assertThatThrownBy(
            () ->
                TestImages.build(
                    engine,
                    dir,
                    Set.of(tag),
                    control,
                    log::add,
                    "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo done > /first\"]",
                    "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"exit 3\"]"))
        .isInstanceOf(DockerEngineException.class)
        .hasMessageStartingWith("image build failed: ")
        .hasMessageContaining("RUN")
        .hasMessageContaining("exit status 3");

    List<String> committed = committedImages(log);
    assertThat(committed).as("images the build committed before its failing step").isNotEmpty();
    assertThat(TestImages.imagesOwnedBy(TestImages.owner(Set.of(tag)))).isEmpty();
    assertThat(TestImages.containersOn(committed)).isEmpty();
  }

  /** The ids of the images a build committed, from its {@code --> <id>} lines. */
  private static List<String> committedImages(List<String> log) {
    return log.stream()
        .map(line -> line.strip())
        .filter(line -> line.matches("-+> [0-9a-f]{11,64}"))
        .map(line -> line.substring(line.indexOf(' ') + 1))
        .toList();
  }

  @Test
  void buildArgumentsReachTheBuildAndItsOutputIsLogged() {
    String tag = tag("localhost", "build-args");
    TestImages.context(
        dir,
        "FROM scratch",
        "LABEL " + TestImages.OWNER + "=\"" + TestImages.owner(Set.of(tag)) + "\"",
        "COPY busybox /bin/busybox",
        "ARG GREETING",
        "ENV FROM_ARG=$GREETING",
        "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo greeting=$GREETING\"]");
    List<String> log = new ArrayList<>();

    String id =
        engine.build(
            dir, "Dockerfile", Set.of(tag), Map.of("GREETING", "hello"), log::add, control);

    assertThat(id).startsWith("sha256:");
    assertThat(engine.inspect(tag).id()).isEqualTo(id);
    assertThat(engine.inspect(tag).metadata().env()).contains("FROM_ARG=hello");
    assertThat(log).anyMatch(line -> line.contains("greeting=hello"));
    assertThat(log).anyMatch(line -> line.contains("STEP"));
  }

  @Test
  void theDockerignoreKeepsFilesOutOfTheContext() throws IOException {
    Files.writeString(dir.resolve("secret.txt"), "do not send");
    Files.writeString(dir.resolve("keep.txt"), "send");
    Files.writeString(dir.resolve(".dockerignore"), "# not for the image\nsecret.txt\n");

    String id =
        TestImages.build(
            engine,
            dir,
            Set.of(tag("localhost", "dockerignore")),
            control,
            "COPY . /ctx/",
            "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"test -e /ctx/keep.txt && test ! -e /ctx/secret.txt\"]");

    assertThat(id).startsWith("sha256:");
  }

  @Test
  void theBuildTagUsedToFindTheImageIsRemovedAfterwards() {
    String tag = tag("localhost", "no-leftover");

    String id = TestImages.build(engine, dir, Set.of(tag), control, "LABEL x=y");

    assertThat(engine.inspect(id).metadata()).isNotNull();
    assertThat(TestImages.podman("image", "inspect", "--format", "{{.RepoTags}}", id))
        .contains(tag)
        .doesNotContain("dispatch-build");
  }

  @Test
  void aPushReturnsTheManifestDigestAndThePulledImageCarriesIt() {
    String tag = tag(env("TEST_REGISTRY"), "push");
    TestImages.build(engine, dir, Set.of(tag), control, "EXPOSE 8080", "USER 1000");
    ImageReference target = ImageReference.parse(tag);
    List<String> progress = new ArrayList<>();

    String digest = engine.push(target, Optional.empty(), progress::add, control);

    assertThat(digest).matches("sha256:[a-f0-9]{64}");
    assertThat(progress).isNotEmpty();
    assertThat(engine.remove(tag)).isTrue();
    engine.pull(target, Optional.empty(), control);
    LocalImage pulled = engine.inspect(tag);
    assertThat(pulled.repoDigests()).contains(target.name() + "@" + digest);
    assertThat(pulled.metadata().exposedPorts()).containsExactly("8080/tcp");
    assertThat(pulled.metadata().user()).isEqualTo("1000");
  }

  @Test
  void aPushWithAWrongPasswordIsRejectedWithAClearMessage() {
    String tag = tag(env("TEST_AUTH_REGISTRY"), "push-denied");
    TestImages.build(engine, dir, Set.of(tag), control, "LABEL x=y");
    Optional<RegistryCredentials> wrong =
        RegistryCredentials.of(
            env("TEST_AUTH_REGISTRY"), env("TEST_AUTH_REGISTRY_USER"), "wrong-pw");

    assertThatThrownBy(() -> engine.push(ImageReference.parse(tag), wrong, line -> {}, control))
        .isInstanceOf(DockerEngineException.class)
        .hasMessageStartingWith("push of image " + tag + " failed: ")
        .hasMessageContaining("unauthorized")
        .hasMessageNotContaining("wrong-pw");
  }

  @Test
  void aPushWithTheRightPasswordReachesTheAuthenticatedRegistry() {
    String tag = tag(env("TEST_AUTH_REGISTRY"), "push-auth");
    TestImages.build(engine, dir, Set.of(tag), control, "LABEL x=y");
    Optional<RegistryCredentials> right =
        RegistryCredentials.of(
            env("TEST_AUTH_REGISTRY"),
            env("TEST_AUTH_REGISTRY_USER"),
            env("TEST_AUTH_REGISTRY_PASSWORD"));

    assertThat(engine.push(ImageReference.parse(tag), right, line -> {}, control))
        .startsWith("sha256:");
  }

  @Test
  void pullingATagThatDoesNotExistFailsNamingTheImage() {
    ImageReference missing =
        ImageReference.parse(env("TEST_REGISTRY") + "/" + uniqueRepository("missing") + ":nope");

    assertThatThrownBy(() -> engine.pull(missing, Optional.empty(), control))
        .isInstanceOf(DockerEngineException.class)
        .hasMessageStartingWith("pull of image " + missing + " failed: ");
  }

  @Test
  void inspectingAnImageTheDaemonDoesNotHaveSaysSo() {
    assertThatThrownBy(() -> engine.inspect("localhost/it/never-built:1"))
        .isInstanceOf(DockerEngineException.class)
        .hasMessage("image localhost/it/never-built:1 is not in the Docker daemon's storage");
  }

  @Test
  void theRunsDeadlineStopsABuildInTheMiddleOfAStepAndTheBuildLeavesNothingBehind() {
    String baseTag = tag("localhost", "slow-base");
    TestImages.build(engine, dir.resolve("base"), Set.of(baseTag), control);
    List<String> baseImages = TestImages.imagesOwnedBy(TestImages.owner(Set.of(baseTag)));
    TestImages.context(
        dir.resolve("slow"),
        "FROM " + baseTag,
        "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo step began; sleep 6; echo step ended\"]");
    String tag = tag("localhost", "slow");
    List<String> log = new CopyOnWriteArrayList<>();
    control.close();
    control = RunControl.start(Clock.systemUTC(), Duration.ofSeconds(4));

    assertThatThrownBy(
            () ->
                engine.build(
                    dir.resolve("slow"), "Dockerfile", Set.of(tag), Map.of(), log::add, control))
        .isInstanceOf(DeadlineExceededException.class);
    Thread.interrupted(); // the deadline interrupts the run's worker, this thread

    assertThat(log).contains("step began").doesNotContain("step ended");
    // Podman goes on with the interrupted step until it ends, then commits nothing more and
    // removes the build's containers; Docker stops the step at once.
    TestImages.awaitNoContainerOn(baseImages, Duration.ofSeconds(60));
    assertThat(TestImages.imagesOwnedBy(TestImages.owner(Set.of(baseTag))))
        .as("the base and nothing built on it")
        .containsExactlyInAnyOrderElementsOf(baseImages);
  }
}
