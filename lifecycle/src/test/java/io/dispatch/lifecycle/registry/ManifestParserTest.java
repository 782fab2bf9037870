package io.dispatch.lifecycle.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.portdetector.ImageMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

  private final ObjectMapper json = new ObjectMapper();
  private final ManifestParser parser = new ManifestParser(json);

  static byte[] fixture(String name) {
    try (InputStream in = ManifestParserTest.class.getResourceAsStream("/registry/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aDockerManifestListOffersItsLinuxAmd64Entry() throws Exception {
    Manifest m = parser.parse(fixture("docker-manifest-list.json"), Manifest.DOCKER_LIST);

    assertThat(m).isInstanceOf(Manifest.Index.class);
    Manifest.Index index = (Manifest.Index) m;
    assertThat(index.select(Platform.LINUX_AMD64))
        .map(Descriptor::digest)
        .contains("sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270");
  }

  @Test
  void anOciIndexSkipsAttestationEntriesEvenWhenTheyComeFirst() throws Exception {
    Manifest.Index index =
        (Manifest.Index)
            parser.parse(fixture("oci-index-attestation-first.json"), Manifest.OCI_INDEX);

    assertThat(index.manifests()).hasSize(3);
    assertThat(index.select(Platform.LINUX_AMD64))
        .map(Descriptor::digest)
        .contains("sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270");
    assertThat(index.platforms()).containsExactly("linux/amd64", "linux/arm64/v8");
  }

  @Test
  void aVariantIsMatchedWhenAsked() throws Exception {
    Manifest.Index index =
        (Manifest.Index)
            parser.parse(fixture("oci-index-attestation-first.json"), Manifest.OCI_INDEX);

    assertThat(index.select(new Platform("linux", "arm64", "v8")))
        .map(Descriptor::digest)
        .contains("sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f");
    assertThat(index.select(new Platform("linux", "arm", "v7"))).isEmpty();
  }

  @Test
  void anIndexWithoutTheWantedPlatformSelectsNothing() throws Exception {
    Manifest.Index index =
        (Manifest.Index) parser.parse(fixture("oci-index-arm-only.json"), "application/json");

    assertThat(index.select(Platform.LINUX_AMD64)).isEmpty();
    assertThat(index.platforms()).containsExactly("linux/arm64/v8");
  }

  @Test
  void anOciManifestWithoutMediaTypeIsRecognisedByItsConfig() throws Exception {
    Manifest m = parser.parse(fixture("oci-manifest-no-media-type.json"), "application/json");

    assertThat(m).isInstanceOf(Manifest.Image.class);
    assertThat(m.mediaType()).isEqualTo(Manifest.OCI_MANIFEST);
    assertThat(((Manifest.Image) m).config().digest())
        .isEqualTo("sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7");
  }

  @Test
  void anOciIndexWithoutMediaTypeIsRecognisedByItsManifests() throws Exception {
    Manifest m = parser.parse(fixture("oci-index-arm-only.json"), "");

    assertThat(m.mediaType()).isEqualTo(Manifest.OCI_INDEX);
  }

  @Test
  void theBodysMediaTypeDecidesWhenTheContentTypeIsGeneric() throws Exception {
    Manifest m = parser.parse(fixture("docker-manifest-v2.json"), "text/plain; charset=utf-8");

    assertThat(m.mediaType()).isEqualTo(Manifest.DOCKER_MANIFEST);
  }

  @Test
  void unknownFieldsSuchAsArtifactTypeAndSubjectAreIgnored() throws Exception {
    Manifest m = parser.parse(fixture("oci-manifest-artifact-type.json"), Manifest.OCI_MANIFEST);

    assertThat(m).isInstanceOf(Manifest.Image.class);
  }

  @Test
  void aContentTypeWithParametersIsStillRecognised() throws Exception {
    Manifest m =
        parser.parse(
            fixture("docker-manifest-v2.json"), Manifest.DOCKER_MANIFEST + "; charset=utf-8");

    assertThat(m.mediaType()).isEqualTo(Manifest.DOCKER_MANIFEST);
  }

  @Test
  void schemaOneManifestsAreUnsupported() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    fixture("docker-schema1.json"),
                    "application/vnd.docker.distribution.manifest.v1+prettyjws"))
        .isInstanceOf(ManifestParser.UnreadableException.class)
        .hasMessageContaining("schema 1");
  }

  @Test
  void anArtifactThatIsNotAContainerImageIsUnsupported() {
    assertThatThrownBy(
            () -> parser.parse(fixture("oci-manifest-helm-chart.json"), Manifest.OCI_MANIFEST))
        .isInstanceOf(ManifestParser.UnreadableException.class)
        .hasMessageContaining("not a container image");
  }

  @Test
  void documentsThatAreNotJsonOrLackADigestAreUnreadable() {
    assertThatThrownBy(() -> parser.parse("<html>".getBytes(), "text/html"))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(
            () -> parser.parse("{\"config\":{\"digest\":\"nope\"}}".getBytes(), "application/json"))
        .hasMessageContaining("valid digest");
    assertThatThrownBy(() -> parser.parse("{\"layers\":[]}".getBytes(), ""))
        .hasMessageContaining("unsupported manifest type");
  }

  @Test
  void theConfigBlobGivesPortsEnvUserCmdAndEntrypoint() throws Exception {
    ImageMetadata m = new ImageConfigBlob(json).parse(fixture("config-full.json"));

    assertThat(m.exposedPorts()).containsExactly("8080/tcp", "9090/udp");
    assertThat(m.env()).contains("PORT=5050");
    assertThat(m.user()).isEqualTo("1000:1000");
    assertThat(m.cmd()).containsExactly("--port", "8080");
    assertThat(m.entrypoint()).containsExactly("/app/run");
  }

  @Test
  void aConfigWithoutValuesGivesEmptyMetadata() throws Exception {
    ImageConfigBlob blob = new ImageConfigBlob(json);

    assertThat(blob.parse("{\"architecture\":\"amd64\"}".getBytes()))
        .isEqualTo(ImageMetadata.empty());
    assertThat(
            blob.parse(
                "{\"config\":{\"ExposedPorts\":null,\"Cmd\":null,\"Entrypoint\":null,\"User\":\"\"}}"
                    .getBytes()))
        .isEqualTo(ImageMetadata.empty());
  }
}
