package io.dispatch.lifecycle.params;

import java.net.URI;
import java.util.Optional;

/**
 * The platform backend, when both its URL and token are known.
 *
 * @param url the base URL
 * @param accessToken never printed
 */
public record BackendTarget(URI url, String accessToken) {

  /** A target from a URL and a token; empty unless both are set. */
  public static Optional<BackendTarget> of(String url, String accessToken, String urlField) {
    if (url == null || url.isBlank() || accessToken == null || accessToken.isBlank()) {
      return Optional.empty();
    }
    URI uri = Urls.endpoint(url.strip(), urlField);
    return Optional.of(new BackendTarget(uri, accessToken.strip()));
  }

  @Override
  public String toString() {
    return "BackendTarget[url=" + url + ", accessToken=***]";
  }
}
