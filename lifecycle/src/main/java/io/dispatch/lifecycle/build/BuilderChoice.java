package io.dispatch.lifecycle.build;

import io.dispatch.lifecycle.params.BuildSpec;
import io.dispatch.lifecycle.params.BuilderName;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which builder builds a repository: the one place that decides it, as a pure function of what was
 * asked for, which files the build context holds and which programs are installed.
 *
 * <p>With no builder named, the earlier implementation's chain: a Dockerfile in {@code
 * build.rootDirectory} → a Dockerfile build, else railpack, else nixpacks. A builder named in the
 * parameters is used or the build fails saying why; it never falls back to another one.
 *
 * <p>Only availability falls through the chain, and it is settled before anything runs. A builder
 * that runs and fails (a compile error, a failing test) fails the build step: another builder would
 * meet the same source and fail again, after using up more of the run's deadline, or, worse,
 * succeed with a build the user did not write. (The earlier implementation retried every failure
 * with the next builder.)
 */
public final class BuilderChoice {

  /** The Dockerfile names detection looks for, in order, when {@code dockerfilePath} is default. */
  public static final List<String> DOCKERFILE_NAMES =
      List.of(
          "Dockerfile",
          "dockerfile",
          "Dockerfile.prod",
          "Dockerfile.production",
          "Dockerfile.dev",
          "Dockerfile.development");

  private BuilderChoice() {}

  /** What to do. */
  public sealed interface Choice permits Run, Unavailable {}

  /**
   * Build with {@code builder}.
   *
   * @param dockerfile for a Dockerfile build, the file relative to the build context; else {@code
   *     ""}
   * @param why one line on how it was chosen, for the log and the trace
   */
  public record Run(BuilderName builder, String dockerfile, String why) implements Choice {}

  /**
   * No builder can build this; {@code reason} says what was tried and what was missing.
   *
   * @param reason one line for the user, which becomes the build step's failure
   */
  public record Unavailable(String reason) implements Choice {}

  /**
   * Chooses the builder.
   *
   * @param build the build parameters: the requested builder, the Dockerfile path and the root
   *     directory (which only names the place in messages)
   * @param isFile whether a path relative to the build context is a regular file
   * @param installed whether a command-line builder ({@code railpack}, {@code nixpacks}) is on the
   *     {@code PATH}
   * @throws IllegalArgumentException for {@link BuilderName#NOOP}, which builds nothing
   */
  public static Choice choose(
      BuildSpec build, Predicate<String> isFile, Predicate<BuilderName> installed) {
    String where =
        build.rootDirectory().isEmpty() ? "the repository root" : build.rootDirectory() + "/";
    boolean defaultName = build.dockerfilePath().equals(BuildSpec.DEFAULT_DOCKERFILE);
    List<String> candidates = defaultName ? DOCKERFILE_NAMES : List.of(build.dockerfilePath());
    Optional<String> dockerfile = candidates.stream().filter(isFile).findFirst();
    String noDockerfile =
        defaultName
            ? "no Dockerfile in " + where + " (looked for " + String.join(", ", candidates) + ")"
            : "no " + build.dockerfilePath() + " in " + where;
    BuilderName requested = build.builder();
    return switch (requested) {
      case NOOP -> throw new IllegalArgumentException("build.builder noop builds nothing");
      case CSDOCKER ->
          dockerfile
              .<Choice>map(f -> new Run(BuilderName.CSDOCKER, f, "build.builder is csdocker"))
              .orElseGet(
                  () -> new Unavailable("build.builder is csdocker but there is " + noDockerfile));
      case RAILPACK, NIXPACKS ->
          installed.test(requested)
              ? new Run(requested, "", "build.builder is " + requested.wire())
              : new Unavailable(
                  "build.builder is "
                      + requested.wire()
                      + " but "
                      + requested.wire()
                      + " is not on PATH");
      case AUTO -> detect(dockerfile, defaultName, noDockerfile, where, installed);
    };
  }

  private static Choice detect(
      Optional<String> dockerfile,
      boolean defaultName,
      String noDockerfile,
      String where,
      Predicate<BuilderName> installed) {
    if (dockerfile.isPresent()) {
      return new Run(
          BuilderName.CSDOCKER, dockerfile.get(), dockerfile.get() + " found in " + where);
    }
    if (!defaultName) {
      // A Dockerfile path other than the default asks for a Dockerfile build: building the source
      // some other way would hide a wrong path behind an image the user did not describe.
      return new Unavailable("build.dockerfilePath is set but there is " + noDockerfile);
    }
    if (installed.test(BuilderName.RAILPACK)) {
      return new Run(BuilderName.RAILPACK, "", noDockerfile + "; railpack is on PATH");
    }
    if (installed.test(BuilderName.NIXPACKS)) {
      return new Run(
          BuilderName.NIXPACKS, "", noDockerfile + "; railpack is not on PATH, nixpacks is");
    }
    return new Unavailable(noDockerfile + ", and neither railpack nor nixpacks is on PATH");
  }
}
