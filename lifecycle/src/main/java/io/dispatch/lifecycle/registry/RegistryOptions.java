package io.dispatch.lifecycle.registry;

import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.run.RetrySchedule;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How the registry client talks to registries.
 *
 * @param plainHttp which registries ({@code host[:port]}) are spoken to over HTTP instead of HTTPS
 * @param platform the platform to pick from an image index
 * @param connectTimeout the limit for opening a connection
 * @param requestTimeout the limit for one request, redirects included
 * @param callTimeout the limit for one whole operation (all its requests, retries and back-off),
 *     further bounded by the run's deadline
 * @param attempts how often a retryable failure is tried in all (connection refused or reset, 429,
 *     5xx)
 * @param backoff the pause before the first retry; it doubles for each further one
 * @param maxResponseBytes the largest manifest, config blob or token response accepted
 */
public record RegistryOptions(
    Predicate<String> plainHttp,
    Platform platform,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration callTimeout,
    int attempts,
    Duration backoff,
    int maxResponseBytes) {

  public static final int FOUR_MIB = 4 * 1024 * 1024;

  public RegistryOptions {
    Objects.requireNonNull(plainHttp, "plainHttp");
    Objects.requireNonNull(platform, "platform");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(callTimeout, "callTimeout");
    Objects.requireNonNull(backoff, "backoff");
    if (attempts < 1) {
      throw new IllegalArgumentException("'attempts' must be at least 1");
    }
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("'backoff' must not be negative");
    }
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("'maxResponseBytes' must be at least 1024");
    }
  }

  /** The defaults for a run: HTTP for loopback and {@code INSECURE_REGISTRIES}, linux/amd64. */
  public static RegistryOptions defaults(RuntimeSettings settings) {
    return new RegistryOptions(
        settings::isInsecure,
        Platform.LINUX_AMD64,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(90),
        3,
        Duration.ofMillis(500),
        FOUR_MIB);
  }

  /**
   * How a request's retryable failures are retried: {@code attempts} in all, the pause doubling
   * from {@code backoff}, within {@code callTimeout} (the caller narrows it to the call's time
   * left).
   */
  public RetrySchedule retries() {
    return new RetrySchedule(backoff, 2, backoff.multipliedBy(1024), callTimeout, attempts);
  }

  public RegistryOptions withPlainHttp(Predicate<String> value) {
    return new RegistryOptions(
        value,
        platform,
        connectTimeout,
        requestTimeout,
        callTimeout,
        attempts,
        backoff,
        maxResponseBytes);
  }

  public RegistryOptions withBackoff(Duration value) {
    return new RegistryOptions(
        plainHttp,
        platform,
        connectTimeout,
        requestTimeout,
        callTimeout,
        attempts,
        value,
        maxResponseBytes);
  }

  public RegistryOptions withTimeouts(Duration request, Duration call) {
    return new RegistryOptions(
        plainHttp, platform, connectTimeout, request, call, attempts, backoff, maxResponseBytes);
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("'" + name + "' must be positive");
    }
  }
}
