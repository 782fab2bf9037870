package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.RuntimeConfig.LinkedSecret;
import io.dispatch.lifecycle.params.ServiceSpec;
import io.dispatch.lifecycle.params.TemplateText;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.portdetector.ImageMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * What the container runs: {@code build.startCommand} through {@code /bin/sh -c}, else the {@code
 * command} and {@code entrypoint} parameters, else the image's own. With {@code vaultLinkedSecrets}
 * (the Go program's {@code export NAME=VALUE; …} prefix), a fixed shell script exports each
 * variable and then executes the command: the names and values are arguments of that script, never
 * part of its text. Each value is literal text and {@code ${VAR}} references, which Nomad fills in
 * from the task's environment (Vault secrets included) before the container starts.
 */
final class LaunchCommand {

  static final List<String> SHELL = List.of("/bin/sh", "-c");

  /** Exports NAME VALUE pairs until "--", then runs the rest. The only shell text we write. */
  static final String EXPORT_THEN_EXEC =
      "while [ \"$#\" -gt 0 ] && [ \"$1\" != -- ]; do export \"$1=$2\"; shift 2; done;"
          + " shift; exec \"$@\"";

  static final String SCRIPT_NAME = "vault-linked-secrets";

  private LaunchCommand() {}

  static void apply(JobRequest request, ObjectNode config) {
    ServiceSpec service = request.service();
    List<LinkedSecret> linked = request.runtime().linkedSecrets();
    if (!linked.isEmpty()) {
      List<String> entrypoint = new ArrayList<>(SHELL);
      entrypoint.add(EXPORT_THEN_EXEC);
      entrypoint.add(SCRIPT_NAME);
      ArrayNode args = Json.array();
      for (LinkedSecret s : linked) {
        args.add(s.name()).add(interpolated(s.parts()));
      }
      args.add("--");
      argv(service, request.image().metadata(), request.jobId()).forEach(args::add);
      config.set("entrypoint", Json.strings(entrypoint));
      config.set("args", args);
      return;
    }
    if (!service.startCommand().isEmpty()) {
      config.set("entrypoint", Json.strings(SHELL));
      config.set("args", Json.array().add(service.startCommand()));
      return;
    }
    if (!service.command().isEmpty()) {
      config.put("command", service.command());
    }
    if (!service.entrypoint().isEmpty()) {
      config.set("entrypoint", Json.strings(service.entrypoint()));
    }
  }

  /** The whole command line the container would run without the wrapper. */
  static List<String> argv(ServiceSpec service, ImageMetadata image, String jobId) {
    List<String> argv = new ArrayList<>();
    if (!service.startCommand().isEmpty()) {
      argv.addAll(SHELL);
      argv.add(service.startCommand());
      return argv;
    }
    argv.addAll(service.entrypoint().isEmpty() ? image.entrypoint() : service.entrypoint());
    if (!service.command().isEmpty()) {
      argv.add(service.command());
    } else if (service.entrypoint().isEmpty()) {
      argv.addAll(image.cmd());
    }
    if (argv.isEmpty()) {
      throw new StepFailedException(
          "job "
              + jobId
              + ": vaultLinkedSecrets need a command to start after setting them, and the image"
              + " has no ENTRYPOINT or CMD: set build.startCommand");
    }
    return argv;
  }

  /** The value as Nomad interpolates it: literal text, and {@code ${NAME}} for each reference. */
  static String interpolated(List<TemplateText.Part> parts) {
    StringBuilder b = new StringBuilder();
    for (TemplateText.Part p : parts) {
      if (p instanceof TemplateText.Literal l) {
        b.append(l.text());
      } else {
        b.append("${").append(((TemplateText.Reference) p).name()).append('}');
      }
    }
    return b.toString();
  }
}
