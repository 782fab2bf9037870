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
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(urlField, "is not a URL");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new InvalidParameterException(urlField, "must be an http:// or https:// URL");
    }
    return Optional.of(new BackendTarget(uri, accessToken.strip()));
  }

  @Override
  public String toString() {
    return "BackendTarget[url=" + url + ", accessToken=***]";
  }
}
