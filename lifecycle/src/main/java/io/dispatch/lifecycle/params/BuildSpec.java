package io.dispatch.lifecycle.params;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How to build a repository's image.
 *
 * @param builder the requested builder ({@code csdocker}, {@code docker}, … or empty); only
 *     Dockerfile builds are done by this version
 * @param dockerfilePath the Dockerfile, relative to {@code rootDirectory}
 * @param rootDirectory the build context, relative to the repository root ({@code ""} = root)
 * @param buildCommand accepted, not applied (no zero-config builder yet)
 * @param buildArgs {@code --build-arg} values
 * @param staticBuildEnv accepted, not applied
 * @param disablePush build only; deploy the local image
 * @param registryUrl the registry to push to when the image name has none
 * @param registryNamespace accepted, not applied
 * @param registryCredentials push credentials from the parameters, if any
 */
public record BuildSpec(
    String builder,
    String dockerfilePath,
    String rootDirectory,
    String buildCommand,
    Map<String, String> buildArgs,
    Map<String, String> staticBuildEnv,
    boolean disablePush,
    String registryUrl,
    String registryNamespace,
    Optional<RegistryCredentials> registryCredentials) {

  public BuildSpec {
    builder = Checks.orEmpty(builder).strip();
    dockerfilePath =
        relative(
            dockerfilePath == null || dockerfilePath.isBlank() ? "Dockerfile" : dockerfilePath,
            "build.dockerfilePath");
    rootDirectory = relative(rootDirectory == null ? "" : rootDirectory, "build.rootDirectory");
    buildCommand = Checks.orEmpty(buildCommand);
    buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
    staticBuildEnv = staticBuildEnv == null ? Map.of() : Map.copyOf(staticBuildEnv);
    registryUrl =
        Checks.orEmpty(registryUrl).strip().replaceFirst("^https?://", "").replaceAll("/+$", "");
    registryNamespace = Checks.orEmpty(registryNamespace);
    registryCredentials = registryCredentials == null ? Optional.empty() : registryCredentials;
  }

  public static BuildSpec defaults() {
    return new BuildSpec("", "", "", "", Map.of(), Map.of(), false, "", "", Optional.empty());
  }

  /**
   * A relative path inside the repository, with leading and trailing slashes removed and {@code .}
   * segments folded; {@code ""} for the root.
   */
  private static String relative(String value, String field) {
    String trimmed = value.strip().replace('\\', '/').replaceAll("^/+|/+$", "");
    if (trimmed.isEmpty() || trimmed.equals(".")) {
      return "";
    }
    Path p;
    try {
      p = Path.of(trimmed).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidParameterException(field, "is not a usable path");
    }
    if (p.isAbsolute() || p.startsWith("..")) {
      throw new InvalidParameterException(field, "must stay inside the repository");
    }
    return p.toString().replace('\\', '/');
  }

  @Override
  public String toString() {
    return "BuildSpec[dockerfile="
        + dockerfilePath
        + ", root="
        + rootDirectory
        + ", args="
        + buildArgs.keySet()
        + ", disablePush="
        + disablePush
        + ", registryUrl="
        + registryUrl
        + "]";
  }
}
