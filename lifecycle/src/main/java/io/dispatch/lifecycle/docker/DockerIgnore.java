package io.dispatch.lifecycle.docker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a {@code .dockerignore} file, matched the way Docker does: one pattern a line, blank
 * lines and {@code #} comments skipped, {@code !} re-includes, the last matching rule wins, a
 * pattern also matches everything below a matching directory, {@code *} and {@code ?} stay within
 * one path component and {@code **} spans any number of them.
 */
final class DockerIgnore {

  private record Rule(Pattern pattern, boolean exception) {

    /** Whether the rule matches {@code path} or one of its parent directories. */
    boolean matches(String path) {
      if (pattern.matcher(path).matches()) {
        return true;
      }
      int slash = path.indexOf('/');
      while (slash > 0) {
        if (pattern.matcher(path.substring(0, slash)).matches()) {
          return true;
        }
        slash = path.indexOf('/', slash + 1);
      }
      return false;
    }
  }

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  static DockerIgnore none() {
    return new DockerIgnore(List.of());
  }

  /**
   * Parses the lines of a {@code .dockerignore}; the given paths (the Dockerfile, the ignore file
   * itself) are always kept, as Docker does.
   */
  static DockerIgnore parse(List<String> lines, String... alwaysKept) {
    List<Rule> rules = new ArrayList<>();
    for (String line : lines) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      boolean exception = text.startsWith("!");
      if (exception) {
        text = text.substring(1).strip();
      }
      String cleaned = clean(text);
      if (cleaned.isEmpty()) {
        continue;
      }
      rules.add(new Rule(compile(cleaned), exception));
    }
    for (String kept : alwaysKept) {
      rules.add(new Rule(Pattern.compile(Pattern.quote(clean(kept))), true));
    }
    return new DockerIgnore(rules);
  }

  /** Whether {@code path} (relative to the context, with {@code /}) is left out of the context. */
  boolean excludes(String path) {
    boolean excluded = false;
    for (Rule rule : rules) {
      if (rule.exception() == excluded && rule.matches(path)) {
        excluded = !rule.exception();
      }
    }
    return excluded;
  }

  /** Whether an excluded directory may still hold files that an exception re-includes. */
  boolean hasExceptions() {
    return rules.stream().anyMatch(Rule::exception);
  }

  /** Go's filepath.Clean for slash paths, without a leading slash: {@code ./a//b/../c/} is a/c. */
  static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** Translates one pattern to a regular expression, as Docker's pattern matcher does. */
  static Pattern compile(String pattern) {
    StringBuilder regex = new StringBuilder("^");
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i++);
      if (c == '*') {
        if (i < pattern.length() && pattern.charAt(i) == '*') {
          i++;
          if (i < pattern.length() && pattern.charAt(i) == '/') {
            i++;
          }
          regex.append(i >= pattern.length() ? ".*" : "(.*/)?");
        } else {
          regex.append("[^/]*");
        }
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        if (end < 0) {
          regex.append("\\[");
        } else {
          String body = pattern.substring(i, end);
          regex.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = end + 1;
        }
      } else if (c == '\\' && i < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(i++))));
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.append('$').toString());
  }
}
