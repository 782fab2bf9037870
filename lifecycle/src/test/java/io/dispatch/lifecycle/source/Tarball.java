package io.dispatch.lifecycle.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds a {@code .tar.gz} in memory, entry names exactly as given (absolute and {@code ..} kept).
 */
final class Tarball {

  private record Entry(String name, byte linkFlag, String linkName, byte[] data, int mode) {}

  private final List<Entry> entries = new ArrayList<>();

  static Tarball create() {
    return new Tarball();
  }

  Tarball dir(String name) {
    entries.add(new Entry(name, TarConstants.LF_DIR, "", new byte[0], 0755));
    return this;
  }

  Tarball file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  Tarball executable(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0755);
  }

  Tarball file(String name, byte[] content, int mode) {
    entries.add(new Entry(name, TarConstants.LF_NORMAL, "", content, mode));
    return this;
  }

  Tarball symlink(String name, String target) {
    entries.add(new Entry(name, TarConstants.LF_SYMLINK, target, new byte[0], 0777));
    return this;
  }

  Tarball hardlink(String name, String target) {
    entries.add(new Entry(name, TarConstants.LF_LINK, target, new byte[0], 0644));
    return this;
  }

  Tarball fifo(String name) {
    entries.add(new Entry(name, TarConstants.LF_FIFO, "", new byte[0], 0644));
    return this;
  }

  /** The uncompressed tar. */
  byte[] tar() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Entry e : entries) {
          TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.linkFlag(), true);
          entry.setMode(e.mode());
          entry.setLinkName(e.linkName());
          entry.setSize(e.data().length);
          tar.putArchiveEntry(entry);
          tar.write(e.data());
          tar.closeArchiveEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code .tar.gz}. */
  byte[] tarGz() {
    return gzip(tar());
  }

  static byte[] gzip(byte[] data) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
        gz.write(data);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
