package io.dispatch.lifecycle.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's private directory, {@code dispatch-<runId>-*} under a root, removed with everything in it
 * on {@link #close()}. Removal never follows a symbolic link: a link is deleted, not what it points
 * to. Read-only directories and files inside are made writable as needed.
 */
public final class WorkDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkDirectory.class);
  private static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ALL =
      Set.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private final Path path;

  private WorkDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates a new, empty directory {@code dispatch-<runId>-<random>} under {@code root}, readable
   * by its owner only. Characters of {@code runId} other than letters, digits, {@code .}, {@code _}
   * and {@code -} become {@code _}.
   *
   * @throws UncheckedIOException when the directory cannot be created
   */
  public static WorkDirectory create(Path root, String runId) {
    try {
      Files.createDirectories(root);
      Path dir = Files.createTempDirectory(root, "dispatch-" + safe(runId) + "-");
      if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(dir, PRIVATE);
      }
      return new WorkDirectory(dir.toRealPath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory under " + root, e);
    }
  }

  static String safe(String runId) {
    String id = runId == null || runId.isBlank() ? "run" : runId.strip();
    id = id.replaceAll("[^A-Za-z0-9._-]", "_");
    return id.length() > 64 ? id.substring(0, 64) : id;
  }

  /** The directory, as a real path (no symbolic links in it). */
  public Path path() {
    return path;
  }

  /**
   * Removes the directory and everything in it. Best-effort: what cannot be removed is logged as a
   * warning, never thrown, so that closing never hides the run's own outcome.
   */
  @Override
  public void close() {
    try {
      deleteTree(path);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not remove the work directory {}: {}", path, e.toString());
    }
  }

  /**
   * Deletes {@code path} and, if it is a directory (not a link to one), everything in it. Goes on
   * past entries it cannot delete and throws the first failure at the end.
   */
  static void deleteTree(Path path) throws IOException {
    List<IOException> failures = new ArrayList<>();
    delete(path, failures);
    if (!failures.isEmpty()) {
      IOException first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  private static void delete(Path path, List<IOException> failures) {
    try {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return;
      }
      if (attrs.isDirectory()) {
        makeWritable(path);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
          for (Path entry : entries) {
            delete(entry, failures);
          }
        }
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      failures.add(e);
    }
  }

  /**
   * Gives the owner rwx on {@code dir}, known to be a directory and not a link, so that its entries
   * can be listed and removed. (Changing the mode through a no-follow handle would need read access
   * to the directory first, which is what may be missing.)
   */
  private static void makeWritable(Path dir) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    if (perms.containsAll(OWNER_ALL)) {
      return;
    }
    perms.addAll(OWNER_ALL);
    Files.setPosixFilePermissions(dir, perms);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
