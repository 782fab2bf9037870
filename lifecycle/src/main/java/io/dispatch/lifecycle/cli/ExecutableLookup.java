package io.dispatch.lifecycle.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds a program the way a shell does: the first executable file of that name on a PATH. */
public final class ExecutableLookup {

  private final List<Path> directories;

  /**
   * @param path the {@code PATH} value, directories separated by {@code :}; empty entries and
   *     relative ones (which would depend on the working directory) are ignored
   */
  public ExecutableLookup(String path) {
    List<Path> dirs = new ArrayList<>();
    for (String entry : (path == null ? "" : path).split(":")) {
      try {
        Path dir = Path.of(entry);
        if (!entry.isEmpty() && dir.isAbsolute()) {
          dirs.add(dir);
        }
      } catch (InvalidPathException ignored) {
        // not a directory anyone can run a program from
      }
    }
    this.directories = List.copyOf(dirs);
  }

  /** The program's absolute path, or empty when no directory of the PATH has it. */
  public Optional<Path> find(String name) {
    for (Path dir : directories) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
