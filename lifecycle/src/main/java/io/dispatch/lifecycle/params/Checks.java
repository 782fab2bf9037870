package io.dispatch.lifecycle.params;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The character-set rules for parameter values, one method per rule, each naming its field when it
 * refuses a value (and never quoting a value whole). The records of this package call them in their
 * compact constructors; decoders call them for values that have no record of their own. Keep a rule
 * here, not at its call site, so that every field of a kind gets the same one.
 */
public final class Checks {

  /**
   * The longest id: {@code jobId}, {@code deploymentId}, {@code serviceId}, {@code jobs[].jobId}.
   */
  public static final int MAX_ID = 128;

  /** RFC 1035: a host name is at most 253 characters, each label at most 63. */
  public static final int MAX_HOST_NAME = 253;

  /** The longest user tag. */
  public static final int MAX_TAG = 255;

  /**
   * Tag prefixes that steer the platform's load balancers (compared without regard to case). A user
   * tag may not start with any of them: it would claim a route, a custom domain or a TCP listener,
   * possibly another tenant's.
   */
  public static final java.util.List<String> ROUTING_TAG_PREFIXES =
      java.util.List.of("urlprefix-", "custom-", "tcp-lb");

  /** Tags that mark the live and the canary allocations of a rollout; a user tag may not be one. */
  public static final java.util.List<String> ROLLOUT_TAGS = java.util.List.of("blue", "green");

  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID + "}");
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_ID + "}");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern TAG = Pattern.compile("[\\x21-\\x2b\\x2d-\\x7e]{1," + MAX_TAG + "}");
  private static final int QUOTE_LENGTH = 40;

  private Checks() {}

  public static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidParameterException(field, "is required");
    }
    return value.strip();
  }

  public static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** A Nomad job ID we create: 1-128 letters, digits, '-' or '_'. */
  public static String jobId(String value, String field) {
    String id = required(value, field);
    if (!JOB_ID.matcher(id).matches()) {
      throw new InvalidParameterException(
          field, "must be 1-128 letters, digits, '-' or '_' (it names the Nomad job)");
    }
    return id;
  }

  /**
   * An id that travels into URLs, log lines, job names and message subjects ({@code deploymentId},
   * {@code serviceId}, {@code jobs[].jobId}): 1-128 letters, digits, '.', '-' or '_', and not
   * {@code .} or {@code ..}. Such an id is its own escaped URL path segment, so it can never step
   * out of the segment it is put in.
   */
  public static String safeId(String value, String field) {
    String id = required(value, field);
    if (!SAFE_ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
      throw new InvalidParameterException(
          field, "must be 1-128 letters, digits, '.', '-' or '_' (and not '.' or '..')");
    }
    return id;
  }

  /**
   * The id of a Nomad job to act on ({@code jobs[].jobId}): {@link #safeId} parts joined by '/', as
   * Nomad names a dispatched or periodic child ({@code parent/dispatch-1768471200-3f2a9c1e}), at
   * most 256 characters; no part is empty, {@code .} or {@code ..}. It is sent as one escaped path
   * segment ({@link #pathSegment}).
   */
  public static String nomadJobId(String value, String field) {
    String id = required(value, field);
    boolean ok = id.length() <= 2 * MAX_ID;
    for (String part : id.split("/", -1)) {
      ok &= SAFE_ID.matcher(part).matches() && !part.equals(".") && !part.equals("..");
    }
    if (!ok) {
      throw new InvalidParameterException(
          field,
          "must be letters, digits, '.', '-' or '_', in parts joined by '/' (no part '.' or"
              + " '..'), at most 256 characters");
    }
    return id;
  }

  /** Like {@link #safeId}, but empty (or absent) is allowed and stays empty. */
  public static String optionalSafeId(String value, String field) {
    return value == null || value.isBlank() ? "" : safeId(value, field);
  }

  /**
   * A DNS host name ({@code networks[].domain}, {@code custom_domain}, {@code clusterDomain}):
   * labels of letters, digits and inner '-', 1-63 characters each, joined by '.', at most 253 in
   * all. No scheme, port, path, wildcard, space or trailing dot: such a value would change a
   * routing tag. Empty (or absent) is allowed and stays empty; the value is returned stripped.
   */
  public static String hostName(String value, String field) {
    String host = orEmpty(value).strip();
    if (host.isEmpty()) {
      return "";
    }
    if (host.length() > MAX_HOST_NAME) {
      throw new InvalidParameterException(field, "must be a host name of at most 253 characters");
    }
    for (String label : host.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new InvalidParameterException(
            field,
            "must be a host name: labels of letters, digits and '-' (1-63 characters) joined by"
                + " '.'");
      }
    }
    return host;
  }

  /**
   * A tag the user adds to the service ({@code consul.tags[]}): 1-255 printable ASCII characters,
   * without spaces or commas, and not one the platform's routing reads ({@link
   * #ROUTING_TAG_PREFIXES}, {@link #ROLLOUT_TAGS}).
   */
  public static String userTag(String value, String field) {
    String tag = required(value, field);
    if (!TAG.matcher(tag).matches()) {
      throw new InvalidParameterException(
          field, "must be 1-255 printable characters without spaces or commas");
    }
    String lower = tag.toLowerCase(Locale.ROOT);
    for (String prefix : ROUTING_TAG_PREFIXES) {
      if (lower.startsWith(prefix)) {
        throw new InvalidParameterException(
            field, "must not start with '" + prefix + "': the platform's routing uses that prefix");
      }
    }
    if (ROLLOUT_TAGS.contains(lower)) {
      throw new InvalidParameterException(
          field, "must not be '" + lower + "': the platform's rollouts use that tag");
    }
    return tag;
  }

  /**
   * A single line of text: no control characters at all (line breaks, tabs, NUL, escape sequences,
   * Unicode line and paragraph separators, or the bidirectional overrides that reorder what a
   * terminal shows).
   */
  public static String singleLine(String value, String field) {
    String v = orEmpty(value);
    for (int i = 0; i < v.length(); i++) {
      if (isControl(v.charAt(i))) {
        throw new InvalidParameterException(
            field, "must be one line of text without control characters");
      }
    }
    return v;
  }

  /**
   * Text that may span lines (a command, a file's content): line breaks and tabs are allowed, other
   * control characters (NUL, escape sequences, …) are not.
   */
  public static String text(String value, String field) {
    String v = orEmpty(value);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c != '\n' && c != '\r' && c != '\t' && isControl(c)) {
        throw new InvalidParameterException(
            field, "must not contain control characters other than line breaks and tabs");
      }
    }
    return v;
  }

  /** At most {@code max} characters. */
  public static String maxLength(String value, int max, String field) {
    String v = orEmpty(value);
    if (v.length() > max) {
      throw new InvalidParameterException(field, "must be at most " + max + " characters long");
    }
    return v;
  }

  /**
   * {@code value} as one URL path segment, escaped the way Go's {@code url.PathEscape} does it
   * (letters, digits and {@code -._~$&+:=@} stay, every other byte of its UTF-8 form becomes {@code
   * %XX}); {@code .} and {@code ..}, which a server or proxy would resolve as steps up the path,
   * are refused.
   */
  public static String pathSegment(String value, String field) {
    String v = required(value, field);
    if (v.equals(".") || v.equals("..")) {
      throw new InvalidParameterException(field, "must not be '.' or '..'");
    }
    StringBuilder out = new StringBuilder();
    for (byte b : v.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-._~$&+:=@".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /**
   * User text made safe to quote in a one-line message: control characters written as escapes
   * ({@code \n}, {@code \t}, or a backslash-u code), cut to 40 characters. Only for values that are
   * not secret.
   */
  public static String quote(String text) {
    String t = orEmpty(text);
    return t.length() > QUOTE_LENGTH ? escape(t.substring(0, QUOTE_LENGTH)) + "…" : escape(t);
  }

  /**
   * {@code text} on one line: every control character (see {@link #singleLine}) written as an
   * escape ({@code \n}, {@code \r}, {@code \t}, else a backslash-u code), nothing cut.
   */
  public static String escape(String text) {
    String t = orEmpty(text);
    StringBuilder out = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (isControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
   * embedding, override and isolate marks.
   */
  static boolean isControl(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  public static int range(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new InvalidParameterException(field, "must be between " + min + " and " + max);
    }
    return value;
  }

  public static long atLeast(long value, long min, String field) {
    if (value < min) {
      throw new InvalidParameterException(field, "must be at least " + min);
    }
    return value;
  }
}
