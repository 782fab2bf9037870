package io.dispatch.orchestrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stand-ins for the railpack and nixpacks programs, which cannot be installed here: executables in
 * a directory of the test's that record how they were run (working directory and its files,
 * arguments, environment) and then, like the real ones, build an image into the Docker daemon at
 * {@code DOCKER_HOST} under the name given with {@code --name}: busybox serving the source on port
 * 3000, with no EXPOSE, as zero-config images have none.
 */
final class StandInBuilders {

  /** What a stand-in does after recording. */
  enum Mode {
    /** Builds the image through podman. */
    BUILDS,
    /** Prints some build output and exits 1, as a compile error would. */
    FAILS,
    /** Starts a child process and waits, writing its own pid and the child's to {@code pids}. */
    HANGS
  }

  private final Path bin;

  StandInBuilders(Path dir) {
    try {
      this.bin = Files.createDirectories(dir.resolve("bin"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Puts a stand-in for {@code tool} on this PATH directory. */
  StandInBuilders install(String tool, Mode mode) {
    String script =
        String.join(
            "\n",
            "#!/bin/bash",
            "# stand-in for " + tool + ": records how it was run, then acts as " + mode,
            "{",
            "  echo \"cwd=$PWD\"",
            "  echo \"files=$(ls -A | sort | tr '\\n' ' ')\"",
            "  for a in \"$@\"; do echo \"arg=$a\"; done",
            "  env | sort | sed 's/^/env=/'",
            "} > " + record(tool),
            "image=",
            "while [ $# -gt 0 ]; do",
            "  if [ \"$1\" = --name ]; then image=\"$2\"; shift; fi",
            "  shift",
            "done",
            body(tool, mode),
            "");
    try {
      Path exe = bin.resolve(tool);
      Files.writeString(exe, script);
      Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private String body(String tool, Mode mode) {
    return switch (mode) {
      case FAILS ->
          String.join(
              "\n",
              "echo \"" + tool + " stand-in: installing dependencies\"",
              "echo 'src/index.ts(3,7): error TS2322: Type string is not assignable to number'",
              "echo 'error: build command failed' >&2",
              "exit 1");
      case HANGS ->
          String.join(
              "\n",
              "sleep 300 &",
              "echo $! >> " + pids(),
              "echo $$ >> " + pids(),
              "echo \"" + tool + " stand-in: waiting for buildkit\"",
              "wait");
      case BUILDS ->
          String.join(
              "\n",
              "ctx=$(mktemp -d)",
              "trap 'rm -rf \"$ctx\"' EXIT",
              "cp -r . \"$ctx/app\"",
              "cp " + System.getenv("TEST_BUSYBOX") + " \"$ctx/busybox\"",
              "printf '%s\\n' 'FROM scratch' 'COPY busybox /bin/busybox' 'COPY app /app'"
                  + " 'CMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"3000\", \"-h\", \"/app\"]'"
                  + " > \"$ctx/Dockerfile\"",
              "echo \"" + tool + " stand-in: building $image\"",
              "podman --url \"$DOCKER_HOST\" build -t \"$image\" \"$ctx\"");
    };
  }

  /** The PATH that finds the stand-ins first, then the system's programs (bash, podman). */
  String path() {
    return bin + ":" + System.getenv("PATH");
  }

  Path record(String tool) {
    return bin.getParent().resolve(tool + ".record");
  }

  Path pids() {
    return bin.getParent().resolve("pids");
  }

  /** The recorded lines starting with {@code key=}, without the key. */
  List<String> recorded(String tool, String key) {
    List<String> values = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(record(tool))) {
        if (line.startsWith(key + "=")) {
          values.add(line.substring(key.length() + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return values;
  }

  /** The recorded value of an environment variable, if the stand-in had it. */
  Optional<String> environment(String tool, String name) {
    return recorded(tool, "env").stream()
        .filter(e -> e.startsWith(name + "="))
        .map(e -> e.substring(name.length() + 1))
        .findFirst();
  }

  /** Each pid the HANGS stand-in wrote, once it has stopped running (up to 5 s for a zombie). */
  List<Long> stoppedPids() throws InterruptedException {
    List<Long> pids;
    try {
      pids = Files.readAllLines(pids()).stream().map(Long::parseLong).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (long pid : pids) {
      for (int i = 0; i < 100 && running(pid); i++) {
        Thread.sleep(50);
      }
      if (running(pid)) {
        throw new AssertionError("stand-in process " + pid + " is still running");
      }
    }
    return pids;
  }

  /** Whether {@code pid} runs: it exists and is not a zombie waiting to be reaped. */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }
}
