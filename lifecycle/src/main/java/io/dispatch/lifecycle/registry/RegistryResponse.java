package io.dispatch.lifecycle.registry;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A registry's answer, read in full (within the size limit).
 *
 * @param status the HTTP status
 * @param uri where the answer came from, after redirects
 * @param headers header names in lower case mapped to their values
 * @param body the raw body bytes, never re-serialized, so digests can be checked
 */
record RegistryResponse(int status, URI uri, Map<String, List<String>> headers, byte[] body) {

  RegistryResponse {
    headers = Map.copyOf(headers);
  }

  Optional<String> header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
