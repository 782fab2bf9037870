package io.dispatch.orchestrator;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The last line of defence: every line the run prints passes through here, and every known secret
 * value (tokens, passwords, signed URL queries) becomes {@code ***}. Patterns that look like
 * credentials (a URL's user info, an {@code accessToken=} query parameter) are masked even when the
 * value was never registered.
 */
final class SecretMasker {

  private static final int MIN_SECRET_LENGTH = 4;
  private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/\\s:@]+:[^/\\s@]+@");
  private static final Pattern TOKEN_PARAMETER =
      Pattern.compile(
          "(?i)((?:access_?token|token|password|secret(?:_?id)?|signature|x-amz-signature)=)[^&\\s\"']+");
  private static final Pattern TOKEN_HEADER =
      Pattern.compile(
          "(?i)((?:x-nomad-token|authorization|x-registry-auth):\\s*)\\S+(?:\\s+\\S+)?");

  private final List<String> secrets = new CopyOnWriteArrayList<>();

  /**
   * Adds values to mask; short values (under 4 characters) would mask ordinary text and are
   * skipped.
   */
  void add(Set<String> values) {
    for (String v : values) {
      if (v != null && v.length() >= MIN_SECRET_LENGTH && !secrets.contains(v)) {
        secrets.add(v);
      }
    }
    secrets.sort(Comparator.comparingInt(String::length).reversed());
  }

  String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, "***");
    }
    out = URL_USER_INFO.matcher(out).replaceAll("***@");
    out = TOKEN_PARAMETER.matcher(out).replaceAll("$1***");
    return TOKEN_HEADER.matcher(out).replaceAll("$1***");
  }
}
