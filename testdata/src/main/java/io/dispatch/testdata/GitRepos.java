package io.dispatch.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real git repositories for tests, made with the {@code git} command line in a directory of the
 * test's: a work tree to commit in, pushed to a bare repository that clones read from.
 */
public final class GitRepos {

  private final Path base;

  public GitRepos(Path base) {
    this.base = base;
  }

  /** A new work tree {@code name} on branch {@code main}, with no commits yet. */
  public WorkTree workTree(String name) {
    Path dir = base.resolve("src-" + name);
    git(base, "init", "-q", "-b", "main", dir.toString());
    return new WorkTree(dir);
  }

  /**
   * Clones {@code tree} into a bare repository {@code <root>/<name>.git}, all branches and tags.
   */
  public Path bare(WorkTree tree, Path root, String name) {
    Path bare = root.resolve(name + ".git");
    git(base, "clone", "-q", "--bare", tree.dir().toString(), bare.toString());
    return bare;
  }

  /** Runs {@code git args...} in {@code dir} and returns its standard output, trimmed. */
  public static String git(Path dir, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.invalid",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "protocol.file.allow=always"));
    command.addAll(List.of(args));
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("GIT_CONFIG_NOSYSTEM", "1");
      env.put("GIT_CONFIG_GLOBAL", "/dev/null");
      env.put("GIT_TERMINAL_PROMPT", "0");
      env.put("LC_ALL", "C");
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A work tree to commit in. */
  public record WorkTree(Path dir) {

    /** Writes {@code files} (path to content) and commits them; returns the commit id. */
    public String commit(String message, Map<String, String> files) {
      try {
        for (Map.Entry<String, String> f : files.entrySet()) {
          Path file = dir.resolve(f.getKey());
          Files.createDirectories(file.getParent());
          Files.writeString(file, f.getValue());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "--allow-empty", "-m", message);
      return head();
    }

    /**
     * Writes {@code bytes} of random content to {@code count} files under {@code folder} and
     * commits.
     */
    public String commitRandom(String folder, int count, int bytes, long seed) {
      java.util.Random random = new java.util.Random(seed);
      try {
        Files.createDirectories(dir.resolve(folder));
        for (int i = 0; i < count; i++) {
          byte[] data = new byte[bytes];
          random.nextBytes(data);
          Files.write(dir.resolve(folder).resolve("blob-" + i + ".bin"), data);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return commit("random " + folder, Map.of());
    }

    public WorkTree branch(String name) {
      git(dir, "checkout", "-q", "-b", name);
      return this;
    }

    public WorkTree checkout(String name) {
      git(dir, "checkout", "-q", name);
      return this;
    }

    public WorkTree tag(String name) {
      git(dir, "tag", name);
      return this;
    }

    public String head() {
      return git(dir, "rev-parse", "HEAD");
    }
  }
}
