package io.dispatch.lifecycle.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/** Path checks for unpacking that never let the kernel follow a symbolic link by surprise. */
final class Links {

  private Links() {}

  /** The attributes of {@code path} itself (a link is not followed), or {@code null} if absent. */
  static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Makes sure every component of {@code relative} below {@code root} is a real directory, creating
   * missing ones; a component that is a symbolic link or a file is refused.
   *
   * @param entry the archive entry being unpacked, for the message
   * @return {@code root.resolve(relative)}
   */
  static Path ensureDirectories(Path root, Path relative, String entry)
      throws IOException, ArchiveException {
    return directories(root, relative, entry, true);
  }

  /**
   * Like {@link #ensureDirectories} but creates nothing.
   *
   * @return {@code root.resolve(relative)}, or {@code null} if a component is missing
   */
  static Path existingDirectories(Path root, Path relative, String entry)
      throws IOException, ArchiveException {
    return directories(root, relative, entry, false);
  }

  private static Path directories(Path root, Path relative, String entry, boolean create)
      throws IOException, ArchiveException {
    Path current = root;
    for (Path name : relative) {
      if (name.toString().isEmpty()) {
        continue;
      }
      current = current.resolve(name);
      BasicFileAttributes attrs = attributes(current);
      if (attrs == null) {
        if (!create) {
          return null;
        }
        Files.createDirectory(current);
      } else {
        refuseNonDirectory(root, current, attrs, entry);
      }
    }
    return current;
  }

  private static void refuseNonDirectory(
      Path root, Path current, BasicFileAttributes attrs, String entry) throws ArchiveException {
    if (attrs.isSymbolicLink()) {
      throw new ArchiveException(
          "entry '" + entry + "' goes through the symlink '" + root.relativize(current) + "'");
    }
    if (!attrs.isDirectory()) {
      throw new ArchiveException(
          "entry '" + entry + "' goes through '" + root.relativize(current) + "', not a directory");
    }
  }

  /**
   * Whether the symbolic link {@code link} resolves, as the kernel would resolve it (following
   * other links), to a path inside {@code root}. A dangling link is judged by the real path of the
   * deepest part of its target that exists, plus the rest.
   */
  static boolean resolvesInside(Path link, Path root) throws IOException {
    Path target = link.getParent().resolve(Files.readSymbolicLink(link));
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = target;
    while (existing != null && !Files.exists(existing)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return false;
    }
    Path real = existing.toRealPath();
    while (!missing.isEmpty()) {
      real = real.resolve(missing.pop());
    }
    return real.normalize().startsWith(root);
  }
}
