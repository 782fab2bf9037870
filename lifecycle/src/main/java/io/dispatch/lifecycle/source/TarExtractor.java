package io.dispatch.lifecycle.source;

import io.dispatch.lifecycle.text.OneLine;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a {@code .tar.gz} stream into a directory, refusing anything that could write or point
 * outside it: entries whose path leaves the directory ({@code ../x}, {@code /etc/x}), entries whose
 * path goes through a symbolic link, absolute symbolic links, symbolic links that resolve outside
 * (also through other links, checked once everything is unpacked), and hard links to anything but a
 * regular file already unpacked. Creates directories, regular files (keeping the executable bit)
 * and relative symbolic links; skips devices and FIFOs. Nothing is buffered beyond one copy buffer.
 */
final class TarExtractor {

  private static final int BUFFER = 64 * 1024;

  private final Path root;
  private final long maxBytes;
  private final int maxEntries;
  private final List<Path> symlinks = new ArrayList<>();
  private long bytes;
  private int entries;

  /** Counts of what was unpacked. */
  record Stats(long bytes, int entries) {}

  /**
   * @param root an existing directory; entries are unpacked below it
   */
  TarExtractor(Path root, long maxBytes, int maxEntries) throws IOException {
    this.root = root.toRealPath();
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  /**
   * Unpacks {@code gzipped}. Failures of the stream itself ({@link TransferException}) pass through
   * unchanged; everything wrong with the archive is an {@link ArchiveException} saying what, and
   * what was unpacked before it stays (the caller discards the directory).
   */
  Stats extract(InputStream gzipped) throws IOException, ArchiveException {
    InputStream in = new BufferedInputStream(gzipped, BUFFER);
    requireGzip(in);
    try (TarArchiveInputStream tar = new TarArchiveInputStream(gunzip(in))) {
      TarArchiveEntry entry;
      while ((entry = next(tar)) != null) {
        if (++entries > maxEntries) {
          throw new ArchiveException("more than " + maxEntries + " entries");
        }
        unpack(tar, entry);
      }
    }
    if (entries == 0) {
      throw new ArchiveException("empty archive");
    }
    for (Path link : symlinks) {
      if (Files.isSymbolicLink(link) && !Links.resolvesInside(link, root)) {
        throw new ArchiveException(
            "symlink '" + root.relativize(link) + "' points outside the work directory");
      }
    }
    return new Stats(bytes, entries);
  }

  private static void requireGzip(InputStream in) throws IOException, ArchiveException {
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 != 0x1f || b2 != 0x8b) {
      throw new ArchiveException("not a gzip file");
    }
  }

  private static InputStream gunzip(InputStream in) throws IOException, ArchiveException {
    try {
      return GzipCompressorInputStream.builder()
          .setInputStream(in)
          .setDecompressConcatenated(true)
          .get();
    } catch (TransferException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException("not a valid gzip file");
    }
  }

  private static TarArchiveEntry next(TarArchiveInputStream tar)
      throws IOException, ArchiveException {
    try {
      return tar.getNextEntry();
    } catch (TransferException e) {
      throw e;
    } catch (EOFException e) {
      throw new ArchiveException("truncated archive");
    } catch (IOException e) {
      throw new ArchiveException("not a tar archive (" + OneLine.message(e) + ")");
    }
  }

  private void unpack(TarArchiveInputStream tar, TarArchiveEntry entry)
      throws IOException, ArchiveException {
    String name = entry.getName();
    Path target = inside(name);
    if (target.equals(root)) {
      if (entry.isDirectory()) {
        return;
      }
      throw new ArchiveException("entry '" + name + "' is not a file name");
    }
    Path parent = Links.ensureDirectories(root, root.relativize(target.getParent()), name);
    target = parent.resolve(target.getFileName());
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      return; // special files have no place in a source tree
    }
    if (entry.isDirectory()) {
      makeDirectory(target);
    } else if (entry.isSymbolicLink()) {
      makeSymlink(target, name, entry.getLinkName());
    } else if (entry.isLink()) {
      makeHardLink(target, name, entry.getLinkName());
    } else if (entry.isFile()) {
      writeFile(tar, entry, target, name);
    }
  }

  /** The normalized path of {@code name} below the root; it must not leave the root. */
  private Path inside(String name) throws ArchiveException {
    Path resolved;
    try {
      resolved = root.resolve(name).normalize();
    } catch (InvalidPathException e) {
      throw new ArchiveException("entry '" + name + "' has an invalid name");
    }
    if (name.startsWith("/") || !resolved.startsWith(root)) {
      throw new ArchiveException("entry '" + name + "' escapes the work directory");
    }
    return resolved;
  }

  private static void makeDirectory(Path target) throws IOException {
    BasicFileAttributes existing = Links.attributes(target);
    if (existing != null && existing.isDirectory()) {
      return;
    }
    if (existing != null) {
      Files.delete(target);
    }
    Files.createDirectory(target);
  }

  private void makeSymlink(Path target, String name, String linkName)
      throws IOException, ArchiveException {
    if (linkName.isEmpty()) {
      throw new ArchiveException("symlink '" + name + "' has no target");
    }
    if (linkName.startsWith("/")) {
      throw new ArchiveException(
          "symlink '" + name + "' -> '" + linkName + "' is absolute; only relative links are kept");
    }
    Path resolved;
    try {
      resolved = target.getParent().resolve(linkName).normalize();
    } catch (InvalidPathException e) {
      throw new ArchiveException("symlink '" + name + "' has an invalid target");
    }
    if (!resolved.startsWith(root)) {
      throw new ArchiveException(
          "symlink '" + name + "' -> '" + linkName + "' points outside the work directory");
    }
    replaceNonDirectory(target, name);
    Files.createSymbolicLink(target, Path.of(linkName));
    symlinks.add(target);
  }

  private void makeHardLink(Path target, String name, String linkName)
      throws IOException, ArchiveException {
    Path source;
    try {
      source = root.resolve(linkName).normalize();
    } catch (InvalidPathException e) {
      throw new ArchiveException("hard link '" + name + "' has an invalid target");
    }
    if (linkName.startsWith("/") || !source.startsWith(root) || source.equals(root)) {
      throw new ArchiveException(
          "hard link '" + name + "' -> '" + linkName + "' points outside the work directory");
    }
    Path sourceParent =
        Links.existingDirectories(root, root.relativize(source.getParent()), linkName);
    source = sourceParent == null ? null : sourceParent.resolve(source.getFileName());
    BasicFileAttributes attrs = source == null ? null : Links.attributes(source);
    if (attrs == null || !attrs.isRegularFile()) {
      throw new ArchiveException(
          "hard link '" + name + "' -> '" + linkName + "' is not to a file unpacked before it");
    }
    replaceNonDirectory(target, name);
    Files.createLink(target, source);
  }

  private void writeFile(TarArchiveInputStream tar, TarArchiveEntry entry, Path target, String name)
      throws IOException, ArchiveException {
    if (entry.getSize() > maxBytes - bytes) {
      throw tooLarge();
    }
    replaceNonDirectory(target, name);
    byte[] buffer = new byte[BUFFER];
    try (OutputStream out =
        Files.newOutputStream(
            target,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = read(tar, buffer)) > 0) {
        bytes += n;
        if (bytes > maxBytes) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
    }
    boolean executable = (entry.getMode() & 0100) != 0;
    Files.setPosixFilePermissions(
        target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
  }

  private static int read(TarArchiveInputStream tar, byte[] buffer)
      throws IOException, ArchiveException {
    try {
      return tar.read(buffer);
    } catch (TransferException e) {
      throw e;
    } catch (EOFException e) {
      throw new ArchiveException("truncated archive");
    } catch (IOException e) {
      throw new ArchiveException("corrupt archive (" + OneLine.message(e) + ")");
    }
  }

  private static void replaceNonDirectory(Path target, String name)
      throws IOException, ArchiveException {
    BasicFileAttributes existing = Links.attributes(target);
    if (existing == null) {
      return;
    }
    if (existing.isDirectory()) {
      throw new ArchiveException("entry '" + name + "' would replace a directory");
    }
    Files.delete(target);
  }

  private ArchiveException tooLarge() {
    return new ArchiveException("more than " + TarballLimits.format(maxBytes) + " once unpacked");
  }
}
