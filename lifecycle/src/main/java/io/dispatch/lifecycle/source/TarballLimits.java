package io.dispatch.lifecycle.source;

import java.time.Duration;

/**
 * Bounds on downloading and unpacking an uploaded tarball.
 *
 * @param connectTimeout how long to wait for the TCP/TLS connection
 * @param responseTimeout how long to wait for the answer and between two reads of the body
 * @param maxCompressedBytes the largest download accepted
 * @param maxExtractedBytes the largest total size of the files it may unpack to
 * @param maxEntries the most entries (files, directories, links) it may hold
 */
public record TarballLimits(
    Duration connectTimeout,
    Duration responseTimeout,
    long maxCompressedBytes,
    long maxExtractedBytes,
    int maxEntries) {

  public static final long GIB = 1024L * 1024 * 1024;

  public TarballLimits {
    positive(connectTimeout, "connectTimeout");
    positive(responseTimeout, "responseTimeout");
    if (maxCompressedBytes <= 0 || maxExtractedBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("size limits must be positive");
    }
  }

  /** 10 s to connect, 60 s per read, 1 GiB compressed, 4 GiB unpacked, 200,000 entries. */
  public static TarballLimits defaults() {
    return new TarballLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), GIB, 4 * GIB, 200_000);
  }

  public TarballLimits withSizes(long maxCompressed, long maxExtracted, int entries) {
    return new TarballLimits(connectTimeout, responseTimeout, maxCompressed, maxExtracted, entries);
  }

  public TarballLimits withTimeouts(Duration connect, Duration response) {
    return new TarballLimits(connect, response, maxCompressedBytes, maxExtractedBytes, maxEntries);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("'" + name + "' must be positive");
    }
  }

  /**
   * {@code bytes} for a message: {@code 1 GiB}, {@code 512 MiB}, {@code 1.5 KiB}, {@code 12 bytes}.
   */
  static String format(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    String number =
        value == Math.rint(value)
            ? String.valueOf((long) value)
            : String.format(java.util.Locale.ROOT, "%.1f", value);
    return number + " " + units[unit];
  }
}
