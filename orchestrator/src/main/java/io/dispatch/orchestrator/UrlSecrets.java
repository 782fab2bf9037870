package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.Urls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The secrets a URL carries in its user info, whatever field or variable it came from. */
final class UrlSecrets {

  private UrlSecrets() {}

  /**
   * Adds the user info of {@code url}, if any, to {@code secrets}: the whole of it (a token alone,
   * {@code https://TOKEN@host}) and its password part, as written and URL-decoded.
   */
  static void addTo(String url, Set<String> secrets) {
    Urls.userInfo(url)
        .ifPresent(
            info -> {
              int colon = info.indexOf(':');
              for (String s :
                  colon >= 0 ? List.of(info, info.substring(colon + 1)) : List.of(info)) {
                if (!s.isBlank()) {
                  secrets.add(s);
                  secrets.add(decoded(s));
                }
              }
            });
  }

  /** {@code s} URL-decoded, or as it is when it is not valid %-encoding. */
  static String decoded(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
