package io.dispatch.lifecycle.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A build context streamed as a tar through a pipe while the daemon reads it: a writer thread walks
 * the directory (in name order, {@code .dockerignore} applied, the Dockerfile always included) and
 * never holds more than the pipe's buffer in memory. Entries belong to root, as Docker's CLI sends
 * them. If the writer fails, the reader's next read fails with the writer's reason.
 */
final class BuildContext implements AutoCloseable {

  private static final int PIPE_BUFFER = 256 * 1024;

  private final Path root;
  private final DockerIgnore ignore;
  private final PipedInputStream pipe;
  private final PipedOutputStream sink;
  private final Thread writer;
  private volatile IOException failure;

  private BuildContext(Path root, DockerIgnore ignore) throws IOException {
    this.root = root;
    this.ignore = ignore;
    this.pipe = new PipedInputStream(PIPE_BUFFER);
    this.sink = new PipedOutputStream(pipe);
    this.writer = new Thread(this::write, "build-context");
    this.writer.setDaemon(true);
  }

  /**
   * Starts streaming {@code root}.
   *
   * @param dockerfile the Dockerfile's path inside {@code root}, already checked
   */
  static BuildContext start(Path root, String dockerfile) throws IOException {
    Path ignoreFile = root.resolve(".dockerignore");
    DockerIgnore ignore =
        Files.isRegularFile(ignoreFile)
            ? DockerIgnore.parse(Files.readAllLines(ignoreFile), dockerfile, ".dockerignore")
            : DockerIgnore.none();
    BuildContext context = new BuildContext(root, ignore);
    context.writer.start();
    return context;
  }

  /**
   * The Dockerfile's path relative to {@code root}, with {@code /}.
   *
   * @throws IllegalArgumentException when it is outside the context or missing
   */
  static String checkDockerfile(Path root, String dockerfile) {
    String given = dockerfile == null || dockerfile.isBlank() ? "Dockerfile" : dockerfile.strip();
    Path base = root.toAbsolutePath().normalize();
    Path resolved = base.resolve(given).normalize();
    if (!resolved.startsWith(base) || resolved.equals(base)) {
      throw new IllegalArgumentException(
          "the Dockerfile path '" + given + "' is outside the build context");
    }
    String relative = base.relativize(resolved).toString().replace('\\', '/');
    if (!Files.isRegularFile(resolved)) {
      throw new IllegalArgumentException("there is no Dockerfile at '" + relative + "'");
    }
    return relative;
  }

  /** The tar, to hand to the daemon. */
  InputStream stream() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        int b = pipe.read();
        return b < 0 ? endOfStream() : b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = pipe.read(buffer, offset, length);
        return n < 0 ? endOfStream() : n;
      }

      @Override
      public void close() throws IOException {
        pipe.close();
      }
    };
  }

  /** Why writing the context failed, if it did. */
  IOException failure() {
    return failure;
  }

  private int endOfStream() throws IOException {
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while finishing the build context", e);
    }
    if (failure != null) {
      throw failure;
    }
    return -1;
  }

  private void write() {
    try (OutputStream out = sink;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      addChildren(tar, root);
      tar.finish();
    } catch (IOException e) {
      failure = e;
    }
  }

  private void addChildren(TarArchiveOutputStream tar, Path dir) throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted().toList();
    }
    for (Path child : children) {
      String name = root.relativize(child).toString().replace('\\', '/');
      boolean excluded = ignore.excludes(name);
      if (Files.isSymbolicLink(child)) {
        if (!excluded) {
          TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
          link.setLinkName(Files.readSymbolicLink(child).toString());
          own(link, child);
          tar.putArchiveEntry(link);
          tar.closeArchiveEntry();
        }
      } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        if (!excluded) {
          TarArchiveEntry entry = new TarArchiveEntry(name + "/");
          own(entry, child);
          tar.putArchiveEntry(entry);
          tar.closeArchiveEntry();
        }
        if (!excluded || ignore.hasExceptions()) {
          addChildren(tar, child);
        }
      } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS) && !excluded) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(child));
        own(entry, child);
        tar.putArchiveEntry(entry);
        try (InputStream in = Files.newInputStream(child)) {
          in.transferTo(tar);
        }
        tar.closeArchiveEntry();
      }
    }
  }

  private static void own(TarArchiveEntry entry, Path path) throws IOException {
    entry.setIds(0, 0);
    entry.setNames("", "");
    entry.setModTime(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
    if (!entry.isSymbolicLink()) {
      int type = entry.isDirectory() ? 040000 : 0100000;
      entry.setMode(type | permissions(path));
    }
  }

  private static int permissions(Path path) throws IOException {
    try {
      Set<PosixFilePermission> perms =
          Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      int mode = 0;
      for (PosixFilePermission p : perms) {
        mode |= 1 << (8 - p.ordinal());
      }
      return mode;
    } catch (UnsupportedOperationException notPosix) {
      return Files.isDirectory(path) ? 0755 : 0644;
    }
  }

  /** Stops the writer: closing the pipe makes its next write fail. */
  @Override
  public void close() {
    try {
      pipe.close();
    } catch (IOException ignored) {
      // closing an in-memory pipe does not fail
    }
    writer.interrupt();
  }
}
