package io.dispatch.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirectoryTest {

  @TempDir Path root;

  @Test
  void createsAPrivateDirectoryNamedForTheRunUnderTheRoot() throws IOException {
    try (WorkDirectory work = WorkDirectory.create(root.resolve("runs"), "job-42")) {
      assertThat(work.path()).isDirectory();
      assertThat(work.path().getParent()).isEqualTo(root.resolve("runs").toRealPath());
      assertThat(work.path().getFileName().toString()).startsWith("dispatch-job-42-");
      assertThat(Files.getPosixFilePermissions(work.path()))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void twoRunsWithTheSameIdGetDifferentDirectories() {
    try (WorkDirectory a = WorkDirectory.create(root, "same");
        WorkDirectory b = WorkDirectory.create(root, "same")) {
      assertThat(a.path()).isNotEqualTo(b.path());
    }
  }

  @Test
  void runIdCharactersThatDoNotBelongInAFileNameAreReplaced() {
    assertThat(WorkDirectory.safe("../../etc/x y")).isEqualTo(".._.._etc_x_y");
    assertThat(WorkDirectory.safe(null)).isEqualTo("run");
    assertThat(WorkDirectory.safe("a".repeat(100))).hasSize(64);
    try (WorkDirectory work = WorkDirectory.create(root, "../escape")) {
      assertThat(work.path().getParent()).isEqualTo(realRoot());
    }
  }

  @Test
  void closeRemovesTheDirectoryAndEverythingInIt() throws IOException {
    Path dir;
    try (WorkDirectory work = WorkDirectory.create(root, "ok")) {
      dir = work.path();
      Files.createDirectories(dir.resolve("a/b/c"));
      Files.writeString(dir.resolve("a/b/c/file.txt"), "x");
      Files.writeString(dir.resolve("top.txt"), "y");
    }
    assertThat(dir).doesNotExist();
    assertThat(root).isEmptyDirectory();
  }

  @Test
  void closeRemovesTheDirectoryWhenTheWorkThrows() {
    Path[] dir = new Path[1];
    assertThatThrownBy(
            () -> {
              try (WorkDirectory work = WorkDirectory.create(root, "failing")) {
                dir[0] = work.path();
                Files.writeString(work.path().resolve("partial.txt"), "half");
                throw new IllegalStateException("clone failed");
              }
            })
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clone failed");
    assertThat(dir[0]).doesNotExist();
  }

  @Test
  void closeRemovesReadOnlyFilesAndUnreadableDirectories() throws IOException {
    Path dir;
    try (WorkDirectory work = WorkDirectory.create(root, "readonly")) {
      dir = work.path();
      Path locked = Files.createDirectories(dir.resolve("locked/inner"));
      Files.writeString(locked.resolve("f.txt"), "x");
      Files.setPosixFilePermissions(
          locked.resolve("f.txt"), PosixFilePermissions.fromString("r--r--r--"));
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
      Files.setPosixFilePermissions(
          locked.getParent(), PosixFilePermissions.fromString("r-x------"));
      Path sealed = Files.createDirectories(dir.resolve("sealed/inner"));
      Files.writeString(sealed.resolve("g.txt"), "y");
      Files.setPosixFilePermissions(
          sealed.getParent(), PosixFilePermissions.fromString("---------"));
      Path pack = Files.createDirectories(dir.resolve(".git/objects/pack"));
      Files.writeString(pack.resolve("pack-1.pack"), "p");
      Files.setPosixFilePermissions(
          pack.resolve("pack-1.pack"), PosixFilePermissions.fromString("r--r--r--"));
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void closeDeletesSymlinksButNeverWhatTheyPointTo() throws IOException {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
    Path work;
    try (WorkDirectory w = WorkDirectory.create(root.resolve("runs"), "links")) {
      work = w.path();
      Files.createSymbolicLink(work.resolve("dir-link"), outside);
      Files.createSymbolicLink(work.resolve("file-link"), precious);
      Files.createDirectories(work.resolve("sub"));
      Files.createSymbolicLink(work.resolve("sub/up"), Path.of("../../.."));
      Files.createSymbolicLink(work.resolve("dangling"), Path.of("/nonexistent/target"));
      Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("r-x------"));
    }
    assertThat(work).doesNotExist();
    assertThat(precious).hasContent("keep me");
    assertThat(Files.getPosixFilePermissions(outside, LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(PosixFilePermissions.fromString("r-x------"));
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void closingTwiceOrAfterTheDirectoryIsGoneIsHarmless() {
    WorkDirectory work = WorkDirectory.create(root, "twice");
    work.close();
    work.close();
    assertThat(work.path()).doesNotExist();
  }

  private Path realRoot() {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
