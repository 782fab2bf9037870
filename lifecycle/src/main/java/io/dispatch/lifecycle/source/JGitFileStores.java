package io.dispatch.lifecycle.source;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.SystemReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spares a run JGit's first-use measurement of the file system (about 3 s, blocking the first
 * clone, on every fresh machine or container).
 *
 * <p>JGit needs the timestamp resolution of the file system it writes to, to tell whether a file
 * may have changed without its timestamp showing it ("racy git"). It measures that once per file
 * store, for about 3 s, and caches the result in {@code $XDG_CONFIG_HOME/jgit/config} under {@code
 * [filesystem "<java vendor>|<java version>|<store>"]}. When that entry is missing, this class
 * writes JGit's own conservative fallback there instead (2 s resolution: anything written within 2
 * s of being read counts as possibly modified and is re-read, which is always correct, only a
 * little slower for files that change that fast). An existing entry, measured or not, is left
 * alone. If the entry cannot be written (read-only home), it still holds in memory for this
 * process.
 *
 * <p>JGit's alternative, measuring in the background, was rejected: the measuring thread keeps
 * writing probe files into the new clone's {@code .git} for seconds after the clone returns, and
 * re-creates that directory if the run deletes it meanwhile.
 */
final class JGitFileStores {

  private static final Logger LOG = LoggerFactory.getLogger(JGitFileStores.class);

  static final String SECTION = "filesystem";
  static final String RESOLUTION = "timestampResolution";
  static final String MIN_RACY = "minRacyThreshold";

  private JGitFileStores() {}

  /** Makes sure JGit has timestamp attributes for the file store that holds {@code directory}. */
  static void seed(Path directory) {
    try {
      String key = key(store(directory));
      StoredConfig config = SystemReader.getInstance().getJGitConfig();
      if (config.getString(SECTION, key, RESOLUTION) == null) {
        config.setString(SECTION, key, RESOLUTION, "2 seconds");
        config.setString(SECTION, key, MIN_RACY, "10 milliseconds");
        save(config);
      }
    } catch (IOException | ConfigInvalidException | RuntimeException e) {
      LOG.debug("could not give JGit file system attributes; it will measure them", e);
    }
  }

  /** JGit's config subsection for a file store (its format on Linux and macOS). */
  static String key(FileStore store) {
    return System.getProperty("java.vendor")
        + '|'
        + System.getProperty("java.version")
        + '|'
        + store.name();
  }

  private static FileStore store(Path directory) throws IOException {
    Path existing = directory.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IOException("no existing directory above " + directory);
    }
    return Files.getFileStore(existing);
  }

  private static void save(StoredConfig config) {
    try {
      config.save();
    } catch (IOException e) {
      LOG.debug("could not save JGit's config; the file system attributes hold for this run", e);
    }
  }
}
