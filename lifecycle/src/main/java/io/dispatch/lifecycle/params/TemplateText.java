package io.dispatch.lifecycle.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for values that end up inside template text that Nomad renders (consul-template) or in
 * values Nomad interpolates: ids, paths and names are checked against small character sets, and the
 * two fields that are expressions by nature ({@code templateStringVariables[].pattern} and {@code
 * vaultLinkedSecrets[].template}) are parsed into literal text and references, so that no value can
 * open an action ({@code }}{{ with secret "kv/data/other" }}}) or change what is rendered. Messages
 * name the field and never quote the value.
 */
public final class TemplateText {

  private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,127}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern COMMON_NAME =
      Pattern.compile(
          "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");
  private static final Pattern TTL = Pattern.compile("[1-9][0-9]{0,8}[smhd]?");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
  private static final Pattern PATTERN_TOKEN =
      Pattern.compile("\\{\\{-?\\s*(\\$[A-Za-z_][A-Za-z0-9_]*|\\.Address|\\.Port)\\s*-?}}");
  private static final Pattern SHELL_REFERENCE =
      Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");
  private static final String PATTERN_RULE =
      "may hold only plain text and {{ $var }}, {{ .Address }} or {{ .Port }} (no quotes,"
          + " backslashes, braces, '$' or control characters in the text)";
  private static final String SHELL_RULE =
      "may hold only plain text and $VAR or ${VAR} references (no quotes, backslashes, backticks,"
          + " braces, other '$' expansions or control characters)";
  private static final Set<Character> LITERAL_FORBIDDEN = Set.of('"', '\\', '`', '{', '}', '$');

  private TemplateText() {}

  /** One piece of an expression: literal text, or a reference to a named value. */
  public sealed interface Part permits Literal, Reference {}

  /** Text that is copied as it is; it holds no quote, backslash, brace, dollar or control. */
  public record Literal(String text) implements Part {}

  /**
   * A named value: a linked variable or environment variable ({@code name}), or the service
   * instance's {@code .Address} / {@code .Port}.
   */
  public record Reference(String name) implements Part {
    public boolean isInstanceField() {
      return name.startsWith(".");
    }
  }

  /** An id such as a project, service, registry or provider name: {@link Checks#safeId}. */
  public static String id(String value, String field) {
    return Checks.safeId(value, field);
  }

  /**
   * A path of ids separated by '/', such as a secret path or a PKI path; no leading or trailing
   * '/', no '.' or '..' segment.
   */
  public static String secretPath(String value, String field) {
    String v = required(value, field).replaceAll("^/+|/+$", "");
    if (v.length() > 512) {
      throw new InvalidParameterException(field, "must be at most 512 characters");
    }
    for (String segment : v.split("/", -1)) {
      if (!PATH_SEGMENT.matcher(segment).matches() || segment.matches("\\.+")) {
        throw new InvalidParameterException(
            field, "must be a path of letters, digits, '_', '.', '@' or '-' separated by '/'");
      }
    }
    return v;
  }

  /**
   * A file path inside the task, relative (a leading '/' is dropped), without '..': {@code
   * config/app.yaml}.
   */
  public static String relativePath(String value, String field) {
    return secretPath(value, field);
  }

  /** An environment or template variable name: a letter or '_', then letters, digits, '_'. */
  public static String variable(String value, String field) {
    return check(
        value, VARIABLE, field, "must be a letter or '_' followed by letters, digits or '_'");
  }

  /** A host name for a certificate, optionally a wildcard: {@code api.example.com}. */
  public static String commonName(String value, String field) {
    return check(value, COMMON_NAME, field, "must be a host name");
  }

  /** A Vault TTL: a positive number of seconds, or with a unit s, m, h or d. */
  public static String ttl(String value, String field) {
    return check(value, TTL, field, "must be a duration such as 72h or 30d");
  }

  /** Base64 content (standard alphabet, padding optional). */
  public static String base64(String value, String field) {
    String v = value == null ? "" : value.replaceAll("\\s+", "");
    if (!BASE64.matcher(v).matches()) {
      throw new InvalidParameterException(field, "must be base64");
    }
    return v;
  }

  /**
   * Parses a pattern such as {@code postgres://{{ $user }}:{{ $password }}@{{ .Address }}:{{ .Port
   * }}/app}: literal text and references to {@code variables} or the instance's address and port.
   */
  public static List<Part> pattern(String value, Set<String> variables, String field) {
    String v = required(value, field);
    List<Part> parts = new ArrayList<>();
    Matcher m = PATTERN_TOKEN.matcher(v);
    int at = 0;
    while (m.find()) {
      literal(v.substring(at, m.start()), field, PATTERN_RULE, parts);
      String name = m.group(1);
      if (name.startsWith("$") && !variables.contains(name.substring(1))) {
        throw new InvalidParameterException(
            field, "refers to a variable that is not one of its linkedVars");
      }
      parts.add(new Reference(name.startsWith("$") ? name.substring(1) : name));
      at = m.end();
    }
    literal(v.substring(at), field, PATTERN_RULE, parts);
    return parts;
  }

  /**
   * Parses a shell-style value such as {@code ${DB_USER}:$DB_PASSWORD}: literal text and references
   * to environment variables; command substitution and other expansions are refused.
   */
  public static List<Part> shellValue(String value, String field) {
    String v = value == null ? "" : value;
    List<Part> parts = new ArrayList<>();
    Matcher m = SHELL_REFERENCE.matcher(v);
    int at = 0;
    while (m.find()) {
      literal(v.substring(at, m.start()), field, SHELL_RULE, parts);
      parts.add(new Reference(m.group(1) != null ? m.group(1) : m.group(2)));
      at = m.end();
    }
    literal(v.substring(at), field, SHELL_RULE, parts);
    return parts;
  }

  private static void literal(String text, String field, String rule, List<Part> parts) {
    if (text.isEmpty()) {
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || LITERAL_FORBIDDEN.contains(c)) {
        throw new InvalidParameterException(field, rule);
      }
    }
    parts.add(new Literal(text));
  }

  private static String check(String value, Pattern pattern, String field, String rule) {
    String v = required(value, field);
    if (!pattern.matcher(v).matches()) {
      throw new InvalidParameterException(field, rule);
    }
    return v;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidParameterException(field, "is required");
    }
    return value.strip();
  }
}
