package io.dispatch.orchestrator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The one masker for everything that leaves the process: printed lines, the trace file, the OTLP
 * export, backend bodies and event messages all pass through {@link #mask}, and every known secret
 * value (tokens, passwords, signed URL queries, URL user info) becomes {@code ***}. Patterns that
 * look like credentials (a URL's user info, with or without a password; an {@code accessToken=}
 * query parameter; an authorization header) are masked even when the value was never registered. It
 * is a {@link UnaryOperator}, so that an adapter can take it without knowing this class.
 */
final class SecretMasker implements UnaryOperator<String> {

  private static final int MIN_SECRET_LENGTH = 4;
  private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/\\s@?#]+@");
  private static final Pattern TOKEN_PARAMETER =
      Pattern.compile(
          "(?i)((?:access_?token|token|password|secret(?:_?id)?|signature|x-amz-signature)=)[^&\\s\"']+");
  private static final Pattern TOKEN_HEADER =
      Pattern.compile(
          "(?i)((?:x-nomad-token|authorization|x-registry-auth):\\s*)\\S+(?:\\s+\\S+)?");

  private final List<String> secrets = new CopyOnWriteArrayList<>();

  /**
   * Adds values to mask, as written and as they appear inside a JSON string; short values (under 4
   * characters) would mask ordinary text and are skipped.
   */
  void add(Set<String> values) {
    for (String v : values) {
      if (v != null && v.length() >= MIN_SECRET_LENGTH) {
        addOne(v);
        addOne(new String(JsonStringEncoder.getInstance().quoteAsString(v)));
      }
    }
    secrets.sort(Comparator.comparingInt(String::length).reversed());
  }

  private void addOne(String v) {
    if (!secrets.contains(v)) {
      secrets.add(v);
    }
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

  @Override
  public String apply(String text) {
    return mask(text);
  }
}
