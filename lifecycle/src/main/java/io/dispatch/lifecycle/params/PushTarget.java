package io.dispatch.lifecycle.params;

import java.util.Locale;

/**
 * Where a repository's built image goes, decided once, at input: the registry in {@code imageName},
 * else {@code build.registryUrl}, else {@code REGISTRY_URL}. A build that is pushed (or a {@code
 * build.builder: noop} image, read from there) needs one; without it the push could only reach
 * Docker Hub by accident. With {@code build.disablePush} and no registry the image stays local
 * under its bare name.
 */
public final class PushTarget {

  private PushTarget() {}

  /**
   * The target image.
   *
   * @param imageName {@code imageName}, or empty for the job ID
   * @param imageTag {@code imageTag}, or empty for {@code latest}
   * @param defaultRegistry {@code REGISTRY_URL}'s host, or empty
   * @throws InvalidParameterException naming {@code imageName}
   */
  public static ImageReference of(
      String imageName, String imageTag, String jobId, BuildSpec build, String defaultRegistry) {
    String name =
        imageName == null || imageName.isBlank()
            ? jobId.toLowerCase(Locale.ROOT)
            : imageName.strip();
    boolean noop = build.builder() == BuilderName.NOOP;
    boolean named = ImageReference.namesRegistry(name);
    String registry = !build.registryUrl().isEmpty() ? build.registryUrl() : defaultRegistry;
    if (!named && registry.isEmpty() && (noop || !build.disablePush())) {
      throw new InvalidParameterException(
          "imageName",
          noop
              ? "needs the registry host that holds it with build.builder noop (or set"
                  + " build.registryUrl or REGISTRY_URL)"
              : "needs a registry host to push to (or set build.registryUrl or REGISTRY_URL)");
    }
    String full = named || registry.isEmpty() ? name : registry + "/" + name;
    try {
      return ImageReference.parse(full, imageTag == null ? "" : imageTag.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("imageName", e.getMessage());
    }
  }
}
