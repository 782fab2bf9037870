package io.dispatch.lifecycle.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  private static final String DIGEST =
      "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270";

  private static ImageReference parse(String name) {
    return ImageReference.parse(name);
  }

  @Nested
  class DockerHub {

    @Test
    void aSingleNameIsAnOfficialImageOnDockerHubTaggedLatest() {
      ImageReference ref = parse("nginx");

      assertThat(ref.registry()).isEqualTo("docker.io");
      assertThat(ref.repository()).isEqualTo("library/nginx");
      assertThat(ref.tag()).isEqualTo("latest");
      assertThat(ref.digest()).isEmpty();
      assertThat(ref.apiHost()).isEqualTo("registry-1.docker.io");
      assertThat(ref).hasToString("docker.io/library/nginx:latest");
    }

    @Test
    void aNamespacedNameStaysInItsNamespace() {
      ImageReference ref = parse("bitnami/redis:7.2");

      assertThat(ref.registry()).isEqualTo("docker.io");
      assertThat(ref.repository()).isEqualTo("bitnami/redis");
      assertThat(ref.tag()).isEqualTo("7.2");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "docker.io/nginx:1.27",
          "docker.io/library/nginx:1.27",
          "index.docker.io/library/nginx:1.27",
          "registry-1.docker.io/library/nginx:1.27",
          "DOCKER.IO/library/nginx:1.27"
        })
    void everyAliasOfDockerHubMeansTheSameImage(String name) {
      assertThat(parse(name))
          .isEqualTo(new ImageReference("docker.io", "library/nginx", "1.27", ""));
    }

    @Test
    void deepPathsAreKept() {
      assertThat(parse("acme/team/app:1").repository()).isEqualTo("acme/team/app");
    }
  }

  @Nested
  class RegistryHosts {

    @ParameterizedTest
    @CsvSource({
      "ghcr.io/acme/app:1.0,             ghcr.io,                acme/app,    1.0",
      "localhost:5000/x,                 localhost:5000,         x,           latest",
      "localhost/x:2,                    localhost,              x,           2",
      "127.0.0.1:5000/demo/app:nope,     127.0.0.1:5000,         demo/app,    nope",
      "registry.example.com:8443/a/b/c:v, registry.example.com:8443, a/b/c,   v",
      "[::1]:5000/ipv6/app:1,            [::1]:5000,             ipv6/app,    1",
      "Registry.Example.com/app,         registry.example.com,   app,         latest",
      "MyHost/app,                       myhost,                 app,         latest",
      "my-registry.local/app:1,          my-registry.local,      app,         1"
    })
    void aFirstComponentWithADotPortUpperCaseOrLocalhostIsTheRegistry(
        String name, String registry, String repository, String tag) {
      ImageReference ref = parse(name);

      assertThat(ref.registry()).isEqualTo(registry);
      assertThat(ref.repository()).isEqualTo(repository);
      assertThat(ref.tag()).isEqualTo(tag);
      assertThat(ref.apiHost()).isEqualTo(registry);
    }

    @Test
    void aRegistryRepositoryWithoutNamespaceGetsNoLibraryPrefix() {
      assertThat(parse("localhost:5000/x").repository()).isEqualTo("x");
    }

    @Test
    void localhostWithAPortButNoPathIsAnImageNamedLocalhostWithATag() {
      ImageReference ref = parse("localhost:5000");

      assertThat(ref.registry()).isEqualTo("docker.io");
      assertThat(ref.repository()).isEqualTo("library/localhost");
      assertThat(ref.tag()).isEqualTo("5000");
    }
  }

  @Nested
  class TagsAndDigests {

    @Test
    void hostPortPathTagAndDigestAllParse() {
      ImageReference ref = parse("127.0.0.1:5000/ns/name:1.2@" + DIGEST);

      assertThat(ref.registry()).isEqualTo("127.0.0.1:5000");
      assertThat(ref.repository()).isEqualTo("ns/name");
      assertThat(ref.tag()).isEqualTo("1.2");
      assertThat(ref.digest()).isEqualTo(DIGEST);
      assertThat(ref.reference()).isEqualTo(DIGEST);
      assertThat(ref).hasToString("127.0.0.1:5000/ns/name:1.2@" + DIGEST);
    }

    @Test
    void aDigestAloneLeavesTheTagEmpty() {
      ImageReference ref = parse("nginx@" + DIGEST);

      assertThat(ref.tag()).isEmpty();
      assertThat(ref.pinnedDigest()).contains(DIGEST);
      assertThat(ref).hasToString("docker.io/library/nginx@" + DIGEST);
    }

    @Test
    void theSeparateTagAppliesOnlyWhenTheNameHasNone() {
      assertThat(ImageReference.parse("nginx", "1.27").tag()).isEqualTo("1.27");
      assertThat(ImageReference.parse("nginx:1.25", "1.27").tag()).isEqualTo("1.25");
      assertThat(ImageReference.parse("localhost:5000/x", "v2").tag()).isEqualTo("v2");
      assertThat(ImageReference.parse("nginx", " ").tag()).isEqualTo("latest");
    }

    @Test
    void theSeparateTagIsIgnoredWhenTheNameIsPinnedToADigest() {
      ImageReference ref = ImageReference.parse("nginx@" + DIGEST, "1.27");

      assertThat(ref.tag()).isEmpty();
      assertThat(ref.digest()).isEqualTo(DIGEST);
    }

    @Test
    void tagsMayHaveUpperCaseDotsDashesAndUnderscores() {
      assertThat(parse("app:V1.2_rc-3").tag()).isEqualTo("V1.2_rc-3");
    }

    @Test
    void theTagIsUsedWhenNoDigestIsGiven() {
      assertThat(parse("app:7").reference()).isEqualTo("7");
    }

    @Test
    void withDigestPinsAndKeepsTheTagForDisplay() {
      ImageReference pinned = parse("ghcr.io/acme/app:1").withDigest(DIGEST);

      assertThat(pinned).hasToString("ghcr.io/acme/app:1@" + DIGEST);
      assertThat(pinned.reference()).isEqualTo(DIGEST);
    }

    @Test
    void withTagDropsTheDigest() {
      assertThat(parse("app@" + DIGEST).withTag("2")).hasToString("docker.io/library/app:2");
    }

    @Test
    void nameHasNoTagOrDigest() {
      assertThat(parse("ghcr.io/acme/app:1@" + DIGEST).name()).isEqualTo("ghcr.io/acme/app");
    }
  }

  @Nested
  class Rejected {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "   ",
          "app/UPPER",
          "Host.com/Upper",
          "app:",
          "app:-bad",
          "app:has/slash",
          "app@sha256:abc",
          "app@md5:0123456789abcdef0123456789abcdef",
          "app@",
          "ghcr.io/",
          "ghcr.io//app",
          "app/",
          "-leading/dash",
          "a..b",
          "host:port/app",
          "host:123456/app",
          "with space"
        })
    void malformedReferencesAreRejected(String name) {
      assertThatThrownBy(() -> parse(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNullNameIsRejected() {
      assertThatThrownBy(() -> ImageReference.parse(null, "1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("is empty");
    }

    @Test
    void anInvalidSeparateTagIsRejected() {
      assertThatThrownBy(() -> ImageReference.parse("nginx", "bad tag"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid tag");
    }

    @Test
    void aTagLongerThan128CharactersIsRejected() {
      assertThatThrownBy(() -> parse("app:" + "a".repeat(129)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(parse("app:" + "a".repeat(128)).tag()).hasSize(128);
    }

    @Test
    void aRepositoryLongerThan255CharactersIsRejected() {
      assertThatThrownBy(() -> parse("ghcr.io/" + "a".repeat(256)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("255");
    }

    @Test
    void theConstructorValidatesItsParts() {
      assertThatThrownBy(() -> new ImageReference("", "x", "1", ""))
          .hasMessage("'registry' is required");
      assertThatThrownBy(() -> new ImageReference("ghcr.io", " ", "1", ""))
          .hasMessage("'repository' is required");
      assertThatThrownBy(() -> new ImageReference("ghcr.io", "x", "1", "sha256:zz"))
          .hasMessageContaining("'digest'");
      assertThat(new ImageReference("ghcr.io", "x", null, null).tag()).isEqualTo("latest");
    }
  }

  @Nested
  class Credentials {

    private final ImageReference hubImage = parse("acme/app");
    private final ImageReference localImage = parse("127.0.0.1:5001/it/app:1");

    @ParameterizedTest
    @ValueSource(
        strings = {
          "docker.io",
          "index.docker.io",
          "https://index.docker.io/v1/",
          "registry-1.docker.io"
        })
    void dockerHubCredentialsMatchByAnyAlias(String registry) {
      assertThat(hubImage.isOnRegistry(registry)).isTrue();
    }

    @Test
    void credentialsMatchTheImagesRegistryOnly() {
      assertThat(localImage.isOnRegistry("127.0.0.1:5001")).isTrue();
      assertThat(localImage.isOnRegistry("http://127.0.0.1:5001/")).isTrue();
      assertThat(localImage.isOnRegistry("127.0.0.1:5000")).isFalse();
      assertThat(localImage.isOnRegistry("")).isFalse();
    }

    @Test
    void credentialsWithoutARegistryApplyToAnyImage() {
      Optional<RegistryCredentials> any = RegistryCredentials.of("", "u", "p");

      assertThat(localImage.credentialsFrom(any)).isEqualTo(any);
      assertThat(hubImage.credentialsFrom(any)).isEqualTo(any);
    }

    @Test
    void credentialsForAnotherRegistryAreNotUsed() {
      Optional<RegistryCredentials> ghcr = RegistryCredentials.of("ghcr.io", "u", "p");

      assertThat(localImage.credentialsFrom(ghcr)).isEmpty();
      assertThat(parse("ghcr.io/acme/x").credentialsFrom(ghcr)).isEqualTo(ghcr);
    }
  }

  @org.junit.jupiter.api.Test
  void aNameNamesARegistryOnlyWhenItsFirstComponentIsAHost() {
    assertThat(ImageReference.namesRegistry("ghcr.io/acme/app")).isTrue();
    assertThat(ImageReference.namesRegistry("127.0.0.1:5000/demo/app")).isTrue();
    assertThat(ImageReference.namesRegistry("localhost/app")).isTrue();
    assertThat(ImageReference.namesRegistry("[::1]:5000/app")).isTrue();
    assertThat(ImageReference.namesRegistry("acme/app")).isFalse();
    assertThat(ImageReference.namesRegistry("nginx")).isFalse();
    assertThat(ImageReference.namesRegistry("nginx:1.27")).isFalse();
  }
}
