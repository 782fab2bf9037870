package io.dispatch.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitFileStoresTest {

  @TempDir Path dir;
  private Path jgitConfig;
  private SystemReader original;

  @BeforeEach
  void useAPrivateJGitConfig() {
    jgitConfig = dir.resolve("xdg/jgit/config");
    original = SystemReader.getInstance();
    SystemReader.setInstance(
        new SystemReader.Delegate(original) {
          @Override
          public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return new FileBasedConfig(parent, jgitConfig.toFile(), fs);
          }
        });
  }

  @AfterEach
  void restore() {
    SystemReader.setInstance(original);
  }

  @Test
  void withNothingCachedJGitsConservativeFallbackIsWrittenForTheFileStore() throws Exception {
    String key = JGitFileStores.key(Files.getFileStore(dir));

    JGitFileStores.seed(dir.resolve("not-yet/created"));

    assertThat(jgitConfig)
        .content()
        .contains("[filesystem \"" + key + "\"]")
        .contains("timestampResolution = 2 seconds");
    FS.FileStoreAttributes.get(dir);
    // Had JGit measured the file system (for seconds), it would have saved what it measured here.
    assertThat(jgitConfig).content().contains("timestampResolution = 2 seconds");
  }

  @Test
  void aMeasuredEntryIsLeftAlone() throws Exception {
    String key = JGitFileStores.key(Files.getFileStore(dir));
    Files.createDirectories(jgitConfig.getParent());
    Files.writeString(
        jgitConfig,
        "[filesystem \""
            + key
            + "\"]\n\ttimestampResolution = 3423 nanoseconds\n\tminRacyThreshold = 10000 microseconds\n");

    JGitFileStores.seed(dir);

    assertThat(jgitConfig).content().contains("3423 nanoseconds").doesNotContain("2 seconds");
  }
}
