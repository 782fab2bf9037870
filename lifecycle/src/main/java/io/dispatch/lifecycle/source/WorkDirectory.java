package io.dispatch.lifecycle.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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

  /** Deletes {@code root} and its contents without following symbolic links. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            makeWritable(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            // An unreadable directory: delete what can be deleted; the parent's delete reports it.
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Gives the owner rwx on a directory (never on a link's target) so its entries can go. */
  private static void makeWritable(Path dir) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    if (perms.contains(PosixFilePermission.OWNER_WRITE)
        && perms.contains(PosixFilePermission.OWNER_EXECUTE)
        && perms.contains(PosixFilePermission.OWNER_READ)) {
      return;
    }
    perms.add(PosixFilePermission.OWNER_READ);
    perms.add(PosixFilePermission.OWNER_WRITE);
    perms.add(PosixFilePermission.OWNER_EXECUTE);
    view.setPermissions(perms);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
