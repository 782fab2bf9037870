package io.dispatch.lifecycle.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a build that did not succeed left in the daemon's storage, found by the label every build
 * carries ({@value #LABEL}={@code <build id>}), and removed.
 *
 * <p>Podman labels every image a build commits, the intermediate images of the steps that succeeded
 * included, so after a failed build this removes all of them; the build's containers are already
 * gone by then ({@code forcerm}). After a cancelled build, Podman 4 keeps running the {@code RUN}
 * step it was in until that step ends (it cannot be interrupted through the API), holds every image
 * the build committed so far in a working container until then, and then removes the containers and
 * commits nothing more; those images are in use now and stay, labelled, as dangling images. Docker
 * stops the step at once and labels only a finished build's image.
 */
final class BuildLeftovers {

  /** The label that names the build which committed an image. */
  static final String LABEL = "io.dispatch.build";

  private static final Logger LOG = LoggerFactory.getLogger(BuildLeftovers.class);

  private BuildLeftovers() {}

  static Map<String, String> label(String buildId) {
    return Map.of(LABEL, buildId);
  }

  /**
   * Removes every image of build {@code buildId} that nothing uses, children before parents, and
   * only those: shared parents stay. Never throws; the build's own failure is what counts.
   *
   * @return how many of its images are still there (in use by a container)
   */
  static int discard(DockerClient requests, String buildId) {
    boolean interrupted = Thread.interrupted(); // an aborted run interrupts its worker
    try {
      List<Image> left =
          new ArrayList<>(
              requests.listImagesCmd().withShowAll(true).withLabelFilter(label(buildId)).exec());
      boolean progress = true;
      while (!left.isEmpty() && progress) {
        progress = left.removeIf(image -> remove(requests, image));
      }
      if (!left.isEmpty()) {
        LOG.debug("{} image(s) of build {} are still in use and stay", left.size(), buildId);
      }
      return left.size();
    } catch (RuntimeException e) {
      LOG.debug("could not clean up after build {}", buildId, e);
      return -1;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Untags, then removes one image without pruning its parents; false when it has to stay. */
  private static boolean remove(DockerClient requests, Image image) {
    try {
      if (image.getRepoTags() != null) {
        for (String tag : image.getRepoTags()) {
          if (!tag.startsWith("<none>")) {
            requests.removeImageCmd(tag).withNoPrune(true).exec();
          }
        }
      }
      requests.removeImageCmd(image.getId()).withNoPrune(true).exec();
      return true;
    } catch (NotFoundException gone) {
      return true;
    } catch (ConflictException inUseOrHasChildren) {
      return false;
    }
  }
}
