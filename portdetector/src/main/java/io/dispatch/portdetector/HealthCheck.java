package io.dispatch.portdetector;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The health check of one service port. Type {@code none} means no check at all. */
public record HealthCheck(Type type, String path, Duration interval, Duration timeout, int port) {

  /** The default check interval and timeout. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

  /** Check kinds that Nomad's built-in service provider can run, plus none. */
  public enum Type {
    HTTP,
    TCP,
    NONE;

    public static Optional<Type> parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "http" -> Optional.of(HTTP);
        case "tcp" -> Optional.of(TCP);
        case "none" -> Optional.of(NONE);
        default -> Optional.empty();
      };
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public HealthCheck {
    Objects.requireNonNull(type, "type");
    path = path == null || path.isBlank() ? (type == Type.HTTP ? "/" : "") : path;
    interval = interval == null ? DEFAULT_PERIOD : interval;
    timeout = timeout == null ? DEFAULT_PERIOD : timeout;
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1-65535");
    }
  }

  /** The default check for a port of the given type: http on {@code /} for http, else tcp. */
  public static HealthCheck defaultFor(PortType portType, int port) {
    Type type = portType == PortType.HTTP ? Type.HTTP : Type.TCP;
    return new HealthCheck(type, null, DEFAULT_PERIOD, DEFAULT_PERIOD, port);
  }
}
