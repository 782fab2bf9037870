package io.dispatch.lifecycle.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {

  @TempDir Path dir;

  private void file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private Map<String, TarArchiveEntry> tar(String dockerfile) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (BuildContext context = BuildContext.start(dir, dockerfile);
        InputStream stream = context.stream();
        TarArchiveInputStream in = new TarArchiveInputStream(stream)) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        entries.put(e.getName(), e);
      }
      stream.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return entries;
  }

  @Test
  void theContextIsStreamedInNameOrderWithDockerignoreApplied() throws IOException {
    file("Dockerfile", "FROM scratch\n");
    file(".dockerignore", "# local only\n*.log\nnode_modules\nsecrets/\n!secrets/public.pem\n");
    file("app.js", "x");
    file("debug.log", "x");
    file("node_modules/dep/index.js", "x");
    file("secrets/private.key", "x");
    file("secrets/public.pem", "x");
    file("src/main.js", "x");

    assertThat(tar("Dockerfile").keySet())
        .containsExactly(
            ".dockerignore", "Dockerfile", "app.js", "secrets/public.pem", "src/", "src/main.js");
  }

  @Test
  void theDockerfileIsSentEvenWhenIgnored() throws IOException {
    file("build/Dockerfile.prod", "FROM scratch\n");
    file(".dockerignore", "build\n");
    file("main.go", "package main");

    assertThat(tar("build/Dockerfile.prod").keySet())
        .containsExactly(".dockerignore", "build/Dockerfile.prod", "main.go");
  }

  @Test
  void entriesBelongToRootAndKeepTheirPermissionsAndSizes() throws IOException {
    file("Dockerfile", "FROM scratch\n");
    file("run.sh", "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(
        dir.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(dir.resolve("link"), Path.of("run.sh"));

    Map<String, TarArchiveEntry> entries = tar("Dockerfile");

    TarArchiveEntry script = entries.get("run.sh");
    assertThat(script.getMode() & 0777).isEqualTo(0750);
    assertThat(script.getSize())
        .isEqualTo("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8).length);
    assertThat(script.getLongUserId()).isZero();
    assertThat(script.getLongGroupId()).isZero();
    assertThat(entries.get("link").isSymbolicLink()).isTrue();
    assertThat(entries.get("link").getLinkName()).isEqualTo("run.sh");
  }

  @Test
  void aContextLargerThanThePipeIsStreamedWhole() throws IOException {
    file("Dockerfile", "FROM scratch\n");
    byte[] big = new byte[3 * 1024 * 1024];
    Files.write(dir.resolve("big.bin"), big);

    assertThat(tar("Dockerfile").get("big.bin").getSize()).isEqualTo(big.length);
  }

  @Test
  void aDockerfileOutsideTheContextOrMissingIsRefused() throws IOException {
    file("Dockerfile", "FROM scratch\n");

    assertThat(BuildContext.checkDockerfile(dir, "")).isEqualTo("Dockerfile");
    assertThat(BuildContext.checkDockerfile(dir, "./Dockerfile")).isEqualTo("Dockerfile");
    assertThatThrownBy(() -> BuildContext.checkDockerfile(dir, "../Dockerfile"))
        .hasMessageContaining("outside the build context");
    assertThatThrownBy(() -> BuildContext.checkDockerfile(dir, "/etc/passwd"))
        .hasMessageContaining("outside the build context");
    assertThatThrownBy(() -> BuildContext.checkDockerfile(dir, "Nope"))
        .hasMessageContaining("no Dockerfile at 'Nope'");
  }
}
