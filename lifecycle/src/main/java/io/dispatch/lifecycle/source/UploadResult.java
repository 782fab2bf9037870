package io.dispatch.lifecycle.source;

import java.time.Duration;

/**
 * What downloading and unpacking an upload produced.
 *
 * @param downloadedBytes the size of the {@code .tar.gz}
 * @param extractedBytes the total size of the regular files written
 * @param entries the entries in the archive (directories, files, links, skipped special files)
 * @param duration how long download and extraction took
 */
public record UploadResult(
    long downloadedBytes, long extractedBytes, int entries, Duration duration) {}
