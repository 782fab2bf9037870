package io.dispatch.portdetector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One port of an image's {@code ExposedPorts}: {@code 8080/tcp}, {@code 53/udp}, {@code 8080}
 * (tcp). A range such as {@code 8000-8002/tcp} expands to one port each.
 */
public record ExposedPort(int number, String protocol) {

  private static final Pattern FORM =
      Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?(?:/(tcp|udp|sctp))?", Pattern.CASE_INSENSITIVE);
  private static final int MAX_RANGE = 100;

  public ExposedPort {
    if (number < 1 || number > 65535) {
      throw new IllegalArgumentException("port " + number + " is outside 1-65535");
    }
    if (!List.of("tcp", "udp", "sctp").contains(protocol)) {
      throw new IllegalArgumentException("unknown protocol '" + protocol + "'");
    }
  }

  /**
   * Parses one {@code ExposedPorts} key. Returns empty for text that is not a port, a port outside
   * 1-65535, or a range wider than 100 ports, which images use by mistake more often than on
   * purpose.
   */
  public static List<ExposedPort> parse(String key) {
    if (key == null) {
      return List.of();
    }
    Matcher m = FORM.matcher(key.strip());
    if (!m.matches()) {
      return List.of();
    }
    String protocol = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(Locale.ROOT);
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
    if (first < 1 || last > 65535 || last < first || last - first >= MAX_RANGE) {
      return List.of();
    }
    List<ExposedPort> ports = new ArrayList<>();
    for (int p = first; p <= last; p++) {
      ports.add(new ExposedPort(p, protocol));
    }
    return ports;
  }

  /** The port number in a {@code PORT=<n>} environment entry, if the entry is one. */
  public static Optional<Integer> fromEnv(String entry) {
    if (entry == null || !entry.startsWith("PORT=")) {
      return Optional.empty();
    }
    String value = entry.substring("PORT=".length()).strip();
    if (!value.matches("\\d{1,5}")) {
      return Optional.empty();
    }
    int port = Integer.parseInt(value);
    return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
  }

  @Override
  public String toString() {
    return number + "/" + protocol;
  }
}
