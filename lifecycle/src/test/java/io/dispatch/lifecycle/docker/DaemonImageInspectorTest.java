package io.dispatch.lifecycle.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.portdetector.ImageMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonImageInspectorTest {

  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static LocalImage image(String... repoDigests) {
    return new LocalImage("sha256:" + "0".repeat(64), List.of(repoDigests), ImageMetadata.empty());
  }

  @Test
  void theDigestIsTheRepoDigestOfTheImagesOwnName() {
    ImageReference ref = ImageReference.parse("127.0.0.1:5000/demo/app:1");

    assertThat(
            DaemonImageInspector.digest(
                ref, image("127.0.0.1:5000/other/app@" + B, "127.0.0.1:5000/demo/app@" + A)))
        .isEqualTo(A);
  }

  @Test
  void dockersShortNamesMatchTheirFullForm() {
    assertThat(DaemonImageInspector.digest(ImageReference.parse("nginx:1"), image("nginx@" + A)))
        .isEqualTo(A);
  }

  @Test
  void severalDigestsForTheNameLeaveTheDigestUnknown() {
    ImageReference ref = ImageReference.parse("127.0.0.1:5000/demo/app:1");

    assertThat(
            DaemonImageInspector.digest(
                ref, image("127.0.0.1:5000/demo/app@" + A, "127.0.0.1:5000/demo/app@" + B)))
        .isEmpty();
  }

  @Test
  void aPinnedReferenceKeepsItsOwnDigest() {
    ImageReference ref = ImageReference.parse("127.0.0.1:5000/demo/app@" + B);

    assertThat(DaemonImageInspector.digest(ref, image("127.0.0.1:5000/demo/app@" + A)))
        .isEqualTo(B);
  }

  @Test
  void noRepoDigestLeavesTheDigestUnknown() {
    assertThat(
            DaemonImageInspector.digest(
                ImageReference.parse("127.0.0.1:5000/x:1"), image("127.0.0.1:5000/x", "garbage")))
        .isEmpty();
  }
}
