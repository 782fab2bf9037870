package io.dispatch.lifecycle.cli;

import io.dispatch.lifecycle.params.BuilderName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The command line of a zero-config build, as the earlier implementation ran it, run in the build
 * context (so the context argument is {@code .}):
 *
 * <ul>
 *   <li>{@code railpack build . --name <image> [--env K=V]…} with {@code DOCKER_BUILDKIT=1} (and
 *       the inherited {@code BUILDKIT_HOST});
 *   <li>{@code nixpacks build . --name <image> [--env K=V]…}.
 * </ul>
 *
 * <p>{@code <image>} carries its tag. (The earlier implementation gave nixpacks {@code --name
 * <name> --tag <tag>}, but nixpacks takes {@code --tag} as a further image name: it built {@code
 * <name>:latest} and an image called {@code <tag>}, and the image looked for afterwards, {@code
 * <name>:<tag>}, only existed for the tag {@code latest}.)
 *
 * @param arguments the program (an absolute path) and its arguments, each one argument whatever its
 *     value holds
 * @param environment the program's whole environment
 */
public record ToolCommand(List<String> arguments, Map<String, String> environment) {

  public ToolCommand {
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
  }

  /**
   * The build command for {@code tool}.
   *
   * @param executable where the program is
   * @param image the name and tag the built image gets in the Docker daemon
   * @param buildEnvironment the build's variables, each passed as {@code --env K=V}
   * @param inherited the environment the program starts from ({@link ToolEnvironment}, plus {@code
   *     DOCKER_HOST})
   */
  public static ToolCommand build(
      BuilderName tool,
      String executable,
      String image,
      SortedMap<String, String> buildEnvironment,
      Map<String, String> inherited) {
    if (!tool.isCli()) {
      throw new IllegalArgumentException(tool + " is not a command-line builder");
    }
    Objects.requireNonNull(image, "image");
    List<String> args = new ArrayList<>(List.of(executable, "build", ".", "--name", image));
    buildEnvironment.forEach(
        (name, value) -> {
          args.add("--env");
          args.add(name + "=" + value);
        });
    Map<String, String> env = new TreeMap<>(inherited);
    if (tool == BuilderName.RAILPACK) {
      env.put("DOCKER_BUILDKIT", "1");
    }
    return new ToolCommand(args, env);
  }

  /** The command as a log line: the program's name and arguments, with variable values hidden. */
  public String display() {
    StringBuilder b = new StringBuilder();
    String program = arguments.get(0);
    b.append(program.substring(program.lastIndexOf('/') + 1));
    boolean variable = false;
    for (String arg : arguments.subList(1, arguments.size())) {
      b.append(' ').append(variable ? arg.substring(0, arg.indexOf('=') + 1) + "…" : arg);
      variable = arg.equals("--env");
    }
    return b.toString();
  }
}
