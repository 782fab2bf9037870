package io.dispatch.lifecycle.jobspec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatch.lifecycle.params.RegistryCredentials;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The job's docker {@code auth} block follows the one registry-matching rule that reading and
 * pushing the image use ({@code ImageReference.credentialsFrom}): Docker Hub by any of its names,
 * any case, with or without a scheme or path; credentials for another registry stay out of the job.
 */
class RegistryAccessTest {

  @ParameterizedTest(name = "credentials for {1} with image {0}: auth {2}")
  @CsvSource({
    "nginx:1.27, https://index.docker.io/v1/, true",
    "nginx:1.27, index.docker.io, true",
    "nginx:1.27, registry-1.docker.io, true",
    "nginx:1.27, Docker.IO, true",
    "nginx:1.27, registry.hub.docker.com, true",
    "nginx:1.27, ghcr.io, false",
    "ghcr.io/acme/app:1, GHCR.io, true",
    "ghcr.io/acme/app:1, https://ghcr.io/, true",
    "ghcr.io/acme/app:1, docker.io, false",
    "registry.example.test:5000/app:1, registry.example.test:5000, true",
    "registry.example.test:5000/app:1, registry.example.test, false",
  })
  void theAuthBlockIsWrittenOnlyForTheImagesOwnRegistry(
      String image, String registry, boolean written) {
    JobRequest request =
        JobRequests.builder("web-app")
            .image(image, "")
            .credentials(RegistryCredentials.of(registry, "robot", "pw-123"))
            .build();

    JsonNode auth = JobSpecTest.task(request).at("/Config/auth");

    assertThat(auth.isMissingNode()).isEqualTo(!written);
    if (written) {
      assertThat(auth.path("username").asText()).isEqualTo("robot");
      assertThat(auth.path("password").asText()).isEqualTo("pw-123");
      assertThat(auth.path("server_address").asText())
          .isEqualTo(request.image().reference().registry());
    }
  }
}
