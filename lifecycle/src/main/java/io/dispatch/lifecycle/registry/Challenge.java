package io.dispatch.lifecycle.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme such as
 * {@code Bearer} or {@code Basic} and its parameters. Parameter values may be quoted and contain
 * commas ({@code scope="repository:a/b:pull,push"}), and one header may carry several challenges.
 *
 * @param scheme the scheme in lower case ({@code bearer}, {@code basic})
 * @param params parameter names in lower case mapped to their unquoted values
 */
public record Challenge(String scheme, Map<String, String> params) {

  public Challenge {
    Objects.requireNonNull(scheme, "scheme");
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  public boolean is(String name) {
    return scheme.equalsIgnoreCase(name);
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Parses every challenge in the given header values; text it cannot read is skipped. */
  public static List<Challenge> parse(List<String> headerValues) {
    List<Challenge> all = new ArrayList<>();
    for (String value : headerValues) {
      all.addAll(parse(value));
    }
    return all;
  }

  /** Parses every challenge in one header value. */
  public static List<Challenge> parse(String header) {
    List<Challenge> challenges = new ArrayList<>();
    if (header == null) {
      return challenges;
    }
    Parser p = new Parser(header);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      p.skipSeparators();
      if (p.atEnd()) {
        break;
      }
      String token = p.token();
      if (token.isEmpty()) {
        p.skipJunk();
        continue;
      }
      p.skipSpaces();
      if (p.peek() == '=' && scheme != null && !p.isToken68End()) {
        p.advance();
        p.skipSpaces();
        params.put(token.toLowerCase(Locale.ROOT), p.peek() == '"' ? p.quoted() : p.token());
      } else if (p.peek() == '=' && scheme != null) {
        p.skipJunk(); // token68 such as "abc==": not used by registries
      } else {
        if (scheme != null) {
          challenges.add(new Challenge(scheme, params));
        }
        scheme = token;
        params = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      challenges.add(new Challenge(scheme, params));
    }
    return challenges;
  }

  /** A small cursor over the header text. */
  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return i >= s.length();
    }

    char peek() {
      return atEnd() ? '\0' : s.charAt(i);
    }

    void advance() {
      i++;
    }

    void skipSpaces() {
      while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
        i++;
      }
    }

    void skipSeparators() {
      while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
        i++;
      }
    }

    /** Skips to the next comma, for text that is neither a scheme nor a parameter. */
    void skipJunk() {
      while (!atEnd() && peek() != ',') {
        i++;
      }
    }

    /** Whether the '=' at the cursor ends a token68 ("abc==") rather than starting a value. */
    boolean isToken68End() {
      int j = i;
      while (j < s.length() && s.charAt(j) == '=') {
        j++;
      }
      int equalsSigns = j - i;
      while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
        j++;
      }
      return equalsSigns > 1 || j >= s.length() || s.charAt(j) == ',';
    }

    String token() {
      int start = i;
      while (!atEnd() && isTokenChar(peek())) {
        i++;
      }
      return s.substring(start, i);
    }

    String quoted() {
      StringBuilder out = new StringBuilder();
      i++; // opening quote
      while (!atEnd() && peek() != '"') {
        if (peek() == '\\' && i + 1 < s.length()) {
          i++;
        }
        out.append(s.charAt(i++));
      }
      i++; // closing quote, if any
      return out.toString();
    }

    private static boolean isTokenChar(char c) {
      return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0
          || c == '/' // lenient: unquoted realms such as https://host/token
          || c == ':';
    }
  }
}
