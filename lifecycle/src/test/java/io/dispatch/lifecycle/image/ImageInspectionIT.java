package io.dispatch.lifecycle.image;

import static io.dispatch.lifecycle.docker.TestImages.env;
import static io.dispatch.lifecycle.docker.TestImages.podman;
import static io.dispatch.lifecycle.docker.TestImages.uniqueRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.docker.DaemonImageInspector;
import io.dispatch.lifecycle.docker.DockerEngine;
import io.dispatch.lifecycle.docker.TestImages;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.registry.RegistryClient;
import io.dispatch.lifecycle.registry.RegistryException;
import io.dispatch.lifecycle.registry.RegistryFirstImageInspector;
import io.dispatch.lifecycle.registry.RegistryOptions;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.portdetector.ExposedPort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading image configs from the real registries: what podman's compat push stores (Docker v2),
 * what its CLI stores with {@code --format oci} (OCI manifest and OCI index), the htpasswd
 * registry, and the daemon fallback.
 */
class ImageInspectionIT {

  private static final String[] FULL = {
    "EXPOSE 8080/tcp 9090/udp",
    "ENV PORT=5050 MODE=test",
    "USER 1000",
    "ENTRYPOINT [\"/bin/busybox\"]",
    "CMD [\"httpd\", \"-f\", \"-p\", \"8080\"]"
  };

  private static DockerEngine engine;
  private static RuntimeSettings settings;
  private static RegistryClient registry;
  private static ImageInspector inspector;
  private static final List<String> localTags = new ArrayList<>();
  private static final List<String> localImages = new ArrayList<>();
  private static String full;
  private static String fullDigest;
  private static String bare;
  private static Optional<RegistryCredentials> rightCredentials;

  private final RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofMinutes(2));

  @BeforeAll
  static void publishImages(@TempDir Path dir) {
    engine = TestImages.engine();
    settings =
        new RuntimeSettings(
            Duration.ofMinutes(5), env("DOCKER_HOST"), null, Set.of(), Path.of("."), "");
    registry = RegistryClient.create(RegistryOptions.defaults(settings));
    inspector = new RegistryFirstImageInspector(registry, new DaemonImageInspector(engine));
    rightCredentials =
        RegistryCredentials.of(
            env("TEST_AUTH_REGISTRY"),
            env("TEST_AUTH_REGISTRY_USER"),
            env("TEST_AUTH_REGISTRY_PASSWORD"));
    try (RunControl setup = RunControl.start(Clock.systemUTC(), Duration.ofMinutes(3))) {
      full = local(env("TEST_REGISTRY") + "/" + uniqueRepository("full") + ":1");
      TestImages.build(engine, dir.resolve("full"), Set.of(full), setup, FULL);
      fullDigest = engine.push(ImageReference.parse(full), Optional.empty(), l -> {}, setup);
      bare = local(env("TEST_REGISTRY") + "/" + uniqueRepository("bare") + ":1");
      TestImages.build(engine, dir.resolve("bare"), Set.of(bare), setup, "LABEL kind=bare");
      engine.push(ImageReference.parse(bare), Optional.empty(), l -> {}, setup);
    }
  }

  private static String local(String tag) {
    localTags.add(tag);
    return tag;
  }

  @AfterEach
  void stopRun() {
    control.close();
  }

  /** Removes the tags and every image the tests built, which share no layer with other tests. */
  @AfterAll
  static void cleanUp() throws IOException {
    localTags.forEach(engine::remove);
    localImages.forEach(engine::remove); // pulled by digest: named repository@digest only
    List<String> left = new ArrayList<>();
    for (String tag : localTags) {
      left.addAll(TestImages.removeImagesOwnedBy(engine, TestImages.owner(Set.of(tag))));
    }
    registry.close();
    engine.close();
    assertThat(left).as("images the clean-up could not remove").isEmpty();
  }

  private ImageConfig inspect(String reference) {
    return inspector.inspect(ImageReference.parse(reference), Optional.empty(), control);
  }

  private static void assertFullConfig(ImageConfig config) {
    assertThat(config.metadata().exposedPorts()).containsExactlyInAnyOrder("8080/tcp", "9090/udp");
    assertThat(config.metadata().env()).contains("PORT=5050", "MODE=test");
    assertThat(config.metadata().user()).isEqualTo("1000");
    assertThat(config.metadata().entrypoint()).containsExactly("/bin/busybox");
    assertThat(config.metadata().cmd()).containsExactly("httpd", "-f", "-p", "8080");
  }

  /** The Content-Type the registry serves a manifest with, to know which kind a test read. */
  private static String manifestType(String reference) throws Exception {
    ImageReference ref = ImageReference.parse(reference);
    HttpResponse<Void> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://"
                                + ref.registry()
                                + "/v2/"
                                + ref.repository()
                                + "/manifests/"
                                + ref.reference()))
                    .header(
                        "Accept",
                        "application/vnd.oci.image.index.v1+json, "
                            + "application/vnd.oci.image.manifest.v1+json, "
                            + "application/vnd.docker.distribution.manifest.v2+json")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    return response.headers().firstValue("Content-Type").orElse("");
  }

  @Test
  void theDockerV2ManifestOfAnApiPushIsReadFromTheRegistry() throws Exception {
    assertThat(manifestType(full))
        .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");

    ImageConfig config = inspect(full);

    assertThat(config.source()).isEqualTo("registry");
    assertThat(config.digest()).isEqualTo(fullDigest);
    assertThat(config.pullReference())
        .isEqualTo(ImageReference.parse(full).name() + "@" + fullDigest);
    assertThat(config.bytesFetched()).isBetween(200L, 10_000L);
    assertFullConfig(config);
    ImageConfig pinned = inspect(ImageReference.parse(full).name() + "@" + fullDigest);
    assertThat(pinned.digest()).isEqualTo(fullDigest);
    assertFullConfig(pinned);
  }

  @Test
  void anImageWithoutExposeHasNoPortsAndNoPortInItsEnvironment() {
    ImageConfig config = inspect(bare);

    assertThat(config.metadata().exposedPorts()).isEmpty();
    assertThat(config.metadata().env()).noneMatch(e -> e.startsWith("PORT="));
    assertThat(config.metadata().user()).isEmpty();
  }

  @Test
  void aPortDeclaredInTheEnvironmentIsReportedForThePortDetector() {
    ImageConfig config = inspect(full);

    assertThat(config.metadata().env()).contains("PORT=5050");
    assertThat(config.metadata().env().stream().map(ExposedPort::fromEnv).flatMap(Optional::stream))
        .containsExactly(5050);
  }

  @Test
  void anOciManifestPushedByThePodmanCliIsRead() throws Exception {
    String oci = env("TEST_REGISTRY") + "/" + uniqueRepository("oci") + ":1";
    podman("push", "--quiet", "--format", "oci", "--tls-verify=false", full, "docker://" + oci);
    assertThat(manifestType(oci)).isEqualTo("application/vnd.oci.image.manifest.v1+json");

    ImageConfig config = inspect(oci);

    assertThat(config.source()).isEqualTo("registry");
    assertFullConfig(config);
  }

  @Test
  void aMultiPlatformOciIndexResolvesToItsLinuxAmd64Image(@TempDir Path dir) throws Exception {
    String other = local("localhost/" + uniqueRepository("arm-variant") + ":1");
    TestImages.build(engine, dir, Set.of(other), control, "EXPOSE 9999");
    String list = "localhost/" + uniqueRepository("list") + ":1";
    String index = env("TEST_REGISTRY") + "/" + uniqueRepository("index") + ":1";
    podman("manifest", "create", list);
    try {
      podman(
          "manifest",
          "add",
          "--arch",
          "arm64",
          "--variant",
          "v8",
          list,
          "containers-storage:" + other);
      podman("manifest", "add", list, "containers-storage:" + full);
      podman(
          "manifest",
          "push",
          "--all",
          "--format",
          "oci",
          "--tls-verify=false",
          list,
          "docker://" + index);
    } finally {
      podman("manifest", "rm", list);
    }
    assertThat(manifestType(index)).isEqualTo("application/vnd.oci.image.index.v1+json");

    ImageConfig config = inspect(index);

    assertFullConfig(config);
    assertThat(config.digest()).isNotEqualTo(fullDigest);
  }

  @Test
  void aTagThatDoesNotExistIsAClearErrorNamingTheImage() {
    String missing = env("TEST_REGISTRY") + "/" + uniqueRepository("missing") + ":nope";

    assertThatThrownBy(() -> inspect(missing))
        .isInstanceOf(RegistryException.class)
        .hasMessage("image " + missing + " not found in the registry (manifest unknown)");
  }

  @Test
  void theHtpasswdRegistryIsReadWithTheRightCredentialsAndRefusesWrongOnes() {
    String secured = local(env("TEST_AUTH_REGISTRY") + "/" + uniqueRepository("auth") + ":1");
    engine.tag(full, ImageReference.parse(secured));
    engine.push(ImageReference.parse(secured), rightCredentials, l -> {}, control);
    ImageReference image = ImageReference.parse(secured);

    ImageConfig config = inspector.inspect(image, rightCredentials, control);

    assertThat(config.source()).isEqualTo("registry");
    assertFullConfig(config);
    assertThatThrownBy(
            () ->
                inspector.inspect(
                    image,
                    RegistryCredentials.of(
                        env("TEST_AUTH_REGISTRY"), env("TEST_AUTH_REGISTRY_USER"), "wrong-pw"),
                    control))
        .isInstanceOf(RegistryException.class)
        .hasMessage("access to " + image.name() + " denied: check the registry credentials");
  }

  @Test
  void whenTheRegistryCannotBeReadTheDaemonPullsAndInspects(@TempDir Path dir) {
    String fresh = local(env("TEST_REGISTRY") + "/" + uniqueRepository("fallback") + ":1");
    List<String> lines = new ArrayList<>(List.of(FULL));
    lines.add("LABEL unique=" + fresh);
    TestImages.build(engine, dir, Set.of(fresh), control, lines.toArray(String[]::new));
    String digest = engine.push(ImageReference.parse(fresh), Optional.empty(), l -> {}, control);
    engine.remove(fresh);

    try (RegistryClient httpsOnly =
        RegistryClient.create(RegistryOptions.defaults(settings).withPlainHttp(h -> false))) {
      ImageConfig config =
          new RegistryFirstImageInspector(httpsOnly, new DaemonImageInspector(engine))
              .inspect(ImageReference.parse(fresh), Optional.empty(), control);

      assertThat(config.source()).isEqualTo("daemon");
      assertThat(config.digest()).isEqualTo(digest);
      assertFullConfig(config);

      ImageReference pinned = ImageReference.parse(fresh).withDigest(digest);
      ImageConfig byDigest =
          new RegistryFirstImageInspector(httpsOnly, new DaemonImageInspector(engine))
              .inspect(pinned, Optional.empty(), control);
      localImages.add(engine.inspect(pinned.name() + "@" + digest).id());
      assertThat(byDigest.source()).isEqualTo("daemon");
      assertThat(byDigest.digest()).isEqualTo(digest);
      assertFullConfig(byDigest);
    }
  }
}
