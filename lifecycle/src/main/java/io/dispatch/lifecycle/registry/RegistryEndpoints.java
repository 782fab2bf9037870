package io.dispatch.lifecycle.registry;

import io.dispatch.lifecycle.params.ImageReference;
import java.net.URI;

/** The registry API's URLs for an image: HTTP for insecure registries, HTTPS for the rest. */
final class RegistryEndpoints {

  private final RegistryOptions options;

  RegistryEndpoints(RegistryOptions options) {
    this.options = options;
  }

  URI manifest(ImageReference image, String reference) {
    return URI.create(base(image) + "/manifests/" + reference);
  }

  URI blob(ImageReference image, String digest) {
    return URI.create(base(image) + "/blobs/" + digest);
  }

  /** The token scope for reading the image's repository. */
  static String pullScope(ImageReference image) {
    return "repository:" + image.repository() + ":pull";
  }

  private String base(ImageReference image) {
    String scheme = options.plainHttp().test(image.registry()) ? "http" : "https";
    return scheme + "://" + image.apiHost() + "/v2/" + image.repository();
  }
}
