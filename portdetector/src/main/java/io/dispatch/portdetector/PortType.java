package io.dispatch.portdetector;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** How a service port is reached. The backend accepts exactly these three values. */
public enum PortType {
  HTTP,
  TCP,
  NONE;

  private static final Set<Integer> WEB_PORTS =
      Set.of(80, 443, 3000, 5000, 8000, 8080, 8443, 8888, 9000);

  /** The type a detected port gets: {@code http} for common web ports, else {@code tcp}. */
  public static PortType forPort(int port) {
    return WEB_PORTS.contains(port) ? HTTP : TCP;
  }

  /**
   * Reads a requested type. {@code https} means an HTTP service behind a TLS-terminating router, so
   * it reads as {@code http}; the backend rejects {@code https}.
   */
  public static Optional<PortType> parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "http", "https" -> Optional.of(HTTP);
      case "tcp" -> Optional.of(TCP);
      case "none" -> Optional.of(NONE);
      default -> Optional.empty();
    };
  }

  /** The wire value: {@code http}, {@code tcp} or {@code none}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
