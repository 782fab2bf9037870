package io.dispatch.orchestrator;

import io.dispatch.backend.BackendConfig;
import io.dispatch.backend.BackendReporter;
import io.dispatch.backend.DeploymentBackend;
import io.dispatch.backend.StepStatus;
import io.dispatch.lifecycle.params.BackendTarget;
import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.run.Step;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Bad input that still names a deployment (a valid {@code deploymentId}) and a backend ({@code
 * backendUrl}/{@code accessToken} or {@code BACKEND_URL}/{@code ACCESS_TOKEN}) is reported as the
 * task's first step failing with the one line printed on stderr, so that the platform's dashboard
 * does not wait forever. Best-effort like every backend call: bounded by the backend's budget, and
 * nothing it does changes the exit code.
 */
final class BadInputReport {

  private BadInputReport() {}

  /** Reports {@code line} as the failure of the task's first step, when the input allows it. */
  static void send(
      Map<String, String> env, String line, Clock clock, UnaryOperator<String> masker) {
    String task = Inputs.meta(env, "task");
    String firstStep;
    String type;
    switch (task) {
      case "deploy-image" -> {
        firstStep = Step.IMAGE_DOWNLOAD.wire();
        type = "app";
      }
      case "deploy-repository", "redeploy-repository" -> {
        firstStep = Step.CLONE.wire();
        type = "git";
      }
      default -> {
        return;
      }
    }
    if (dryRun(env)) {
      return;
    }
    String deploymentId;
    String serviceId;
    Optional<BackendTarget> backend;
    try {
      JsonFields params = JsonFields.root(ParamsText.decode(Inputs.meta(env, "params")));
      deploymentId = Checks.safeId(params.string("deploymentId"), "deploymentId");
      serviceId = Checks.optionalSafeId(params.string("serviceId"), "serviceId");
      backend = Targets.backend(params, env, new HashSet<>());
    } catch (RuntimeException e) {
      return; // the input names no deployment or no usable backend: nobody to tell
    }
    if (backend.isEmpty()) {
      return;
    }
    DeploymentBackend reporter =
        BackendReporter.start(
            BackendConfig.of(backend.get().url(), backend.get().accessToken()),
            deploymentId,
            type,
            serviceId,
            clock,
            DeploymentBackend.FailureListener.NONE,
            masker);
    try (reporter) {
      reporter.reportStep(firstStep, StepStatus.FAILED, line);
    }
  }

  private static boolean dryRun(Map<String, String> env) {
    try {
      return Inputs.yesOrNo(env, "DRY_RUN");
    } catch (BadInputException e) {
      return false; // a DRY_RUN that says neither is itself the bad input being reported
    }
  }
}
