package io.dispatch.lifecycle.params;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How to build a repository's image.
 *
 * @param builder the requested builder ({@code build.builder}); {@link BuilderName#AUTO} detects
 *     one
 * @param dockerfilePath the Dockerfile, relative to {@code rootDirectory}
 * @param rootDirectory the build context, relative to the repository root ({@code ""} = root)
 * @param buildCommand accepted, not applied (the earlier implementation passed it to no builder)
 * @param buildArgs build arguments; see {@link #buildEnvironment()}
 * @param staticBuildEnv build environment; see {@link #buildEnvironment()}
 * @param disablePush build only; deploy the local image
 * @param registryUrl the registry to push to when the image name has none
 * @param registryNamespace accepted, not applied
 * @param registryCredentials push credentials from the parameters, if any
 */
public record BuildSpec(
    BuilderName builder,
    String dockerfilePath,
    String rootDirectory,
    String buildCommand,
    Map<String, String> buildArgs,
    Map<String, String> staticBuildEnv,
    boolean disablePush,
    String registryUrl,
    String registryNamespace,
    Optional<RegistryCredentials> registryCredentials) {

  /** The default Dockerfile name; with it, detection also looks for the other usual names. */
  public static final String DEFAULT_DOCKERFILE = "Dockerfile";

  /** A name that stays one argument ({@code --env K=V}, {@code --build-arg K=V}) whatever it is. */
  private static final Pattern VARIABLE_NAME =
      Pattern.compile("[^=\\s\\p{Cntrl}-][^=\\s\\p{Cntrl}]*");

  public BuildSpec {
    builder = builder == null ? BuilderName.AUTO : builder;
    dockerfilePath =
        relative(
            dockerfilePath == null || dockerfilePath.isBlank()
                ? DEFAULT_DOCKERFILE
                : dockerfilePath,
            "build.dockerfilePath");
    rootDirectory = relative(rootDirectory == null ? "" : rootDirectory, "build.rootDirectory");
    buildCommand = Checks.orEmpty(buildCommand);
    buildArgs = variables(buildArgs, "build.buildArgs");
    staticBuildEnv = variables(staticBuildEnv, "build.staticBuildEnv");
    registryUrl = ImageReference.registryHost(registryUrl);
    registryNamespace = Checks.orEmpty(registryNamespace);
    registryCredentials = registryCredentials == null ? Optional.empty() : registryCredentials;
  }

  public static BuildSpec defaults() {
    return new BuildSpec(
        BuilderName.AUTO, "", "", "", Map.of(), Map.of(), false, "", "", Optional.empty());
  }

  /**
   * What the build is given, as the earlier implementation's builders took it: {@code
   * staticBuildEnv} and {@code buildArgs} together ({@code buildArgs} wins on a shared name), as
   * {@code --build-arg} for a Dockerfile build and {@code --env} for railpack and nixpacks. Sorted
   * by name.
   */
  public SortedMap<String, String> buildEnvironment() {
    TreeMap<String, String> all = new TreeMap<>(staticBuildEnv);
    all.putAll(buildArgs);
    return Collections.unmodifiableSortedMap(all);
  }

  private static Map<String, String> variables(Map<String, String> values, String field) {
    if (values == null) {
      return Map.of();
    }
    for (String name : values.keySet()) {
      if (!VARIABLE_NAME.matcher(name).matches()) {
        throw new InvalidParameterException(
            field, "names must not be empty, start with '-', or contain '=', spaces or controls");
      }
    }
    return Map.copyOf(values);
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
    return "BuildSpec[builder="
        + (builder == BuilderName.AUTO ? "auto" : builder.wire())
        + ", dockerfile="
        + dockerfilePath
        + ", root="
        + rootDirectory
        + ", args="
        + buildArgs.keySet()
        + ", env="
        + staticBuildEnv.keySet()
        + ", disablePush="
        + disablePush
        + ", registryUrl="
        + registryUrl
        + "]";
  }
}
