package io.dispatch.lifecycle.cli;

import io.dispatch.lifecycle.params.BuilderName;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * railpack and nixpacks, run from the {@code PATH} the orchestrator was given, against the same
 * Docker daemon the rest of the run uses ({@code DOCKER_HOST}): the image they build is in that
 * daemon afterwards, to be inspected and pushed like a Dockerfile build's.
 */
public final class ZeroConfigBuilders {

  private final ExecutableLookup lookup;
  private final Map<String, String> environment;
  private final RunControl control;
  private final DeploymentLog log;

  /**
   * @param environment what the programs inherit ({@link ToolEnvironment#from}); its {@code PATH}
   *     is where they are looked for
   * @param dockerHost the daemon they build into
   */
  public ZeroConfigBuilders(
      Map<String, String> environment, String dockerHost, RunControl control, DeploymentLog log) {
    Map<String, String> env = new TreeMap<>(environment);
    env.put("DOCKER_HOST", dockerHost);
    this.environment = Map.copyOf(env);
    this.lookup = new ExecutableLookup(environment.getOrDefault("PATH", ""));
    this.control = control;
    this.log = log;
  }

  /** Whether {@code builder}'s program is on the PATH. */
  public boolean installed(BuilderName builder) {
    return builder.isCli() && lookup.find(builder.wire()).isPresent();
  }

  /**
   * Builds the source in {@code context} into the image {@code image} (name and tag) in the daemon.
   *
   * @param output receives the program's output, line by line
   * @throws StepFailedException when the program is missing, cannot start or fails
   */
  public void build(
      BuilderName builder,
      Path context,
      String image,
      SortedMap<String, String> buildEnvironment,
      Consumer<String> output) {
    String name = builder.wire();
    Path program =
        lookup.find(name).orElseThrow(() -> new StepFailedException(name + " is not on PATH"));
    ToolCommand command =
        ToolCommand.build(builder, program.toString(), image, buildEnvironment, environment);
    log.detail("running " + command.display());
    ToolProcess.run(command, context, name, output, control);
  }
}
