package io.dispatch.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TarExtractorTest {

  private static final long MIB = 1024 * 1024;

  @TempDir Path base;
  private Path work;
  private Path outside;

  @BeforeEach
  void setUp() throws IOException {
    work = Files.createDirectory(base.resolve("work"));
    outside = Files.createDirectory(base.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "original");
  }

  private TarExtractor.Stats extract(byte[] targz) throws Exception {
    return new TarExtractor(work, MIB, 1000).extract(new ByteArrayInputStream(targz));
  }

  static Stream<Arguments> unsafeArchives() {
    return Stream.of(
        unsafe(
            "parent-relative entry",
            o -> Tarball.create().file("../evil.txt", "x"),
            o -> "entry '../evil.txt' escapes the work directory"),
        unsafe(
            "entry that climbs out after going down",
            o -> Tarball.create().dir("a/").file("a/../../outside/secret.txt", "pwned"),
            o -> "entry 'a/../../outside/secret.txt' escapes the work directory"),
        unsafe(
            "absolute entry",
            o -> Tarball.create().file(o.resolve("abs.txt").toString(), "x"),
            o -> "entry '" + o.resolve("abs.txt") + "' escapes the work directory"),
        unsafe(
            "absolute symlink",
            o -> Tarball.create().symlink("link", o.toString()),
            o -> "symlink 'link' -> '" + o + "' is absolute; only relative links are kept"),
        unsafe(
            "relative symlink escaping through ..",
            o -> Tarball.create().dir("sub/").symlink("sub/up", "../../outside/secret.txt"),
            o ->
                "symlink 'sub/up' -> '../../outside/secret.txt' points outside the work directory"),
        unsafe(
            "hard link to a file outside",
            o -> Tarball.create().hardlink("h", "../outside/secret.txt"),
            o -> "hard link 'h' -> '../outside/secret.txt' points outside the work directory"),
        unsafe(
            "hard link to an absolute path",
            o -> Tarball.create().hardlink("h", o.resolve("secret.txt").toString()),
            o ->
                "hard link 'h' -> '"
                    + o.resolve("secret.txt")
                    + "' points outside the work directory"),
        unsafe(
            "symlink to an outside directory, then a file through it",
            o -> Tarball.create().symlink("link", o.toString()).file("link/x", "pwned"),
            o -> "symlink 'link' -> '" + o + "' is absolute; only relative links are kept"),
        unsafe(
            "in-tree symlink, then a file through it",
            o -> Tarball.create().dir("sub/").symlink("link", "sub").file("link/x", "x"),
            o -> "entry 'link/x' goes through the symlink 'link'"),
        unsafe(
            "symlink that only escapes through another symlink created after it",
            o -> Tarball.create().symlink("b", "a/../outside").symlink("a", "."),
            o -> "symlink 'b' points outside the work directory"),
        unsafe(
            "hard link through a symlink",
            o ->
                Tarball.create()
                    .dir("sub/")
                    .file("sub/f", "x")
                    .symlink("s", "sub")
                    .hardlink("h", "s/f"),
            o -> "entry 's/f' goes through the symlink 's'"));
  }

  private static Arguments unsafe(
      String description, Function<Path, Tarball> archive, Function<Path, String> message) {
    return Arguments.of(description, archive, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsafeArchives")
  void unsafeArchivesAreRejectedAndNothingIsWrittenOutside(
      String description, Function<Path, Tarball> archive, Function<Path, String> message)
      throws IOException {
    byte[] targz = archive.apply(outside).tarGz();

    assertThatThrownBy(() -> extract(targz))
        .isInstanceOf(ArchiveException.class)
        .hasMessage(message.apply(outside));

    try (Stream<Path> files = Files.list(outside)) {
      assertThat(files).containsExactly(outside.resolve("secret.txt"));
    }
    assertThat(outside.resolve("secret.txt")).hasContent("original");
    try (Stream<Path> files = Files.list(base)) {
      assertThat(files).containsExactlyInAnyOrder(work, outside);
    }
  }

  @Test
  void aNormalTarballIsUnpackedWithDirectoriesExecutableBitsAndRelativeLinks() throws Exception {
    byte[] targz =
        Tarball.create()
            .dir("./")
            .dir("app/")
            .dir("app/src/")
            .file("app/src/main.py", "print('hi')\n")
            .executable("app/bin/run.sh", "#!/bin/sh\necho run\n")
            .file("app/with space.txt", "spaced")
            .symlink("app/current", "src")
            .symlink("app/src/up-to-bin", "../bin/run.sh")
            .hardlink("app/src/copy.py", "app/src/main.py")
            .fifo("app/pipe")
            .tarGz();

    TarExtractor.Stats stats = extract(targz);

    assertThat(work.resolve("app/src/main.py")).hasContent("print('hi')");
    assertThat(work.resolve("app/src/copy.py")).hasContent("print('hi')");
    assertThat(work.resolve("app/with space.txt")).hasContent("spaced");
    assertThat(work.resolve("app/bin/run.sh")).isExecutable().hasContent("#!/bin/sh\necho run");
    assertThat(Files.getPosixFilePermissions(work.resolve("app/bin/run.sh")))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(Files.getPosixFilePermissions(work.resolve("app/src/main.py")))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.readSymbolicLink(work.resolve("app/current"))).isEqualTo(Path.of("src"));
    assertThat(work.resolve("app/current/main.py")).hasContent("print('hi')");
    assertThat(work.resolve("app/src/up-to-bin")).hasContent("#!/bin/sh\necho run");
    assertThat(work.resolve("app/pipe")).doesNotExist();
    assertThat(stats.entries()).isEqualTo(10);
    assertThat(stats.bytes()).isEqualTo(12 + 19 + 6);
  }

  @Test
  void aLaterFileReplacesAnEarlierInTreeLinkInsteadOfWritingThroughIt() throws Exception {
    extract(
        Tarball.create()
            .file("target.txt", "keep")
            .symlink("f", "target.txt")
            .file("f", "new")
            .tarGz());

    assertThat(Files.isSymbolicLink(work.resolve("f"))).isFalse();
    assertThat(work.resolve("f")).hasContent("new");
    assertThat(work.resolve("target.txt")).hasContent("keep");
  }

  @Test
  void filesAreCreatedEvenWhenTheirDirectoriesHaveNoEntries() throws Exception {
    extract(Tarball.create().file("deep/er/still/file.txt", "x").tarGz());

    assertThat(work.resolve("deep/er/still/file.txt")).hasContent("x");
  }

  @Test
  void moreBytesThanTheLimitOnceUnpackedIsRejected() {
    byte[] big = new byte[3000];
    byte[] targz = Tarball.create().file("a.bin", big, 0644).file("b.bin", big, 0644).tarGz();

    assertThatThrownBy(
            () -> new TarExtractor(work, 5000, 100).extract(new ByteArrayInputStream(targz)))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("more than 4.9 KiB once unpacked");
    assertThat(work.resolve("b.bin")).doesNotExist();
  }

  @Test
  void moreEntriesThanTheLimitIsRejected() {
    Tarball archive = Tarball.create();
    for (int i = 0; i < 6; i++) {
      archive.file("f" + i, "x");
    }
    byte[] targz = archive.tarGz();

    assertThatThrownBy(
            () -> new TarExtractor(work, MIB, 5).extract(new ByteArrayInputStream(targz)))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("more than 5 entries");
  }

  @Test
  void aPlainTarIsNotAGzipFile() {
    byte[] tar = Tarball.create().file("a", "x").tar();

    assertThatThrownBy(() -> extract(tar))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("not a gzip file");
  }

  @Test
  void anEmptyBodyIsNotAGzipFile() {
    assertThatThrownBy(() -> extract(new byte[0]))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("not a gzip file");
  }

  @Test
  void gzippedTextIsNotATarArchive() {
    byte[] text = Tarball.gzip("this is not a tar archive, just text\n".repeat(20).getBytes());

    assertThatThrownBy(() -> extract(text))
        .isInstanceOf(ArchiveException.class)
        .hasMessageStartingWith("not a tar archive");
  }

  @Test
  void aTruncatedDownloadIsReported() {
    byte[] big = new byte[200_000];
    new java.util.Random(1).nextBytes(big);
    byte[] targz = Tarball.create().file("random.bin", big, 0644).tarGz();
    byte[] cut = Arrays.copyOf(targz, targz.length / 2);

    assertThatThrownBy(() -> extract(cut))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("truncated archive");
  }

  @Test
  void anArchiveWithNoEntriesIsRejected() {
    assertThatThrownBy(() -> extract(Tarball.create().tarGz()))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("empty archive");
  }

  @Test
  void controlCharactersInNamesDoNotBreakTheMessageLine() {
    byte[] targz = Tarball.create().file("../evil\nname", "x").tarGz();

    assertThatThrownBy(() -> extract(targz))
        .hasMessage("entry '../evil?name' escapes the work directory");
  }
}
