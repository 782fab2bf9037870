package io.dispatch.lifecycle.source;

import io.dispatch.lifecycle.text.OneLine;
import java.util.regex.Pattern;

/**
 * Cleans text that came from a library (an exception message, say) before it reaches a user: drops
 * user info and query strings from URLs and replaces known secrets, and keeps it on one line.
 */
final class Redaction {

  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@]*@");
  private static final Pattern QUERY =
      Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s?#'\"]*)\\?[^\\s'\"]*");

  private Redaction() {}

  /**
   * {@code text} without URL user info, URL query strings, and any of {@code secrets} (empty ones
   * are ignored); {@code null} becomes the empty string.
   */
  static String clean(String text, String... secrets) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, "***");
      }
    }
    out = USER_INFO.matcher(out).replaceAll("$1");
    out = QUERY.matcher(out).replaceAll("$1");
    return OneLine.of(out);
  }
}
