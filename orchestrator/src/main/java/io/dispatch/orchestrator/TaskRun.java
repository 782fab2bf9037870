package io.dispatch.orchestrator;

import io.dispatch.backend.BackendConfig;
import io.dispatch.backend.BackendReporter;
import io.dispatch.backend.DeploymentBackend;
import io.dispatch.lifecycle.params.BackendTarget;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.params.TaskRequest;
import io.dispatch.lifecycle.ports.DeploymentEvents;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.Outcome;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.Steps;
import io.dispatch.lifecycle.script.RunContext;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one task: starts the clock, wires the backend, the events, the adapters and the
 * lifecycle, runs it, and cleans up on every path (adapters closed, work directory removed, backend
 * and events flushed).
 */
final class TaskRun {

  private static final Logger logger = LoggerFactory.getLogger(TaskRun.class);

  private final Inputs inputs;
  private final Clock clock;
  private final AdapterFactory factory;
  private final RunHandle handle;
  private final UnaryOperator<String> masker;

  /**
   * @param masker the run's secret masker: what goes to the backend and to NATS passes through it
   */
  TaskRun(
      Inputs inputs,
      Clock clock,
      AdapterFactory factory,
      RunHandle handle,
      UnaryOperator<String> masker) {
    this.inputs = inputs;
    this.clock = clock;
    this.factory = factory;
    this.handle = handle;
    this.masker = masker;
  }

  /** How the run ended, and what it did. */
  record Report(Outcome outcome, Trace trace, Optional<DryRun> dryRun) {}

  Report execute() {
    TaskRequest request = inputs.request();
    String runId = UUID.randomUUID().toString().substring(0, 8);
    DeploymentLog log = new DeploymentLog();
    TraceOptions traceOptions = inputs.trace();
    Trace trace =
        Trace.start(
            clock, request.task(), traceOptions.parentTraceId(), traceOptions.parentSpanId());
    RunControl control = RunControl.start(clock, inputs.settings().timeout());
    handle.attach(control);
    DeploymentEvents events = RunEvents.open(inputs, masker, clock);
    events.started();
    AtomicReference<Steps> running = new AtomicReference<>();
    LiveLogAppender live = Logging.liveLog();
    if (live != null) {
      live.attach(
          events,
          () -> {
            Steps s = running.get();
            return s == null ? Steps.INIT_PHASE : s.logPhase();
          });
    }
    log.runStarted(
        request.task(),
        Describe.request(request) + " (run " + runId + ", trace " + trace.traceId() + ")");
    if (!traceOptions.problem().isEmpty()) {
      log.warning(traceOptions.problem());
    }
    warnNotApplied(request, log);
    DryRun dry = inputs.dryRun() ? new DryRun() : null;
    DeploymentBackend backend = backend(request, trace, dry);
    RunEvents.noteWhenOff(inputs);
    Outcome outcome;
    Instant flushBy;
    try (control) {
      Steps steps = new Steps(log, backend, trace, control);
      running.set(steps);
      RunContext run =
          new RunContext(steps, trace, log, control, backend, inputs.settings(), runId);
      AdapterFactory adapters = dry == null ? factory : new DryRunAdapters(factory, dry);
      try {
        outcome =
            TaskScripts.run(
                request,
                adapters,
                new AdapterFactory.Run(inputs.settings(), control, log, trace),
                run,
                events);
      } catch (Exception e) {
        logger.debug("run failed", e);
        outcome =
            Outcome.failed(
                steps.lastStep(),
                "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      events.finished(outcome.succeeded());
    } finally {
      // the backend's and the events' last messages are sent at the same time
      flushBy = clock.instant().plus(DeploymentEvents.FLUSH_BUDGET);
      backend.close();
    }
    trace.finish(
        outcome.succeeded() ? Span.Status.COMPLETED : Span.Status.FAILED, outcome.reason());
    log.runFinished(outcome);
    if (live != null) {
      live.detach();
    }
    Duration left = Duration.between(clock.instant(), flushBy);
    events.close(left.isNegative() ? Duration.ZERO : left);
    return new Report(outcome, trace, Optional.ofNullable(dry));
  }

  private DeploymentBackend backend(TaskRequest request, Trace trace, DryRun dry) {
    if (!(request instanceof ServiceDeployment d)) {
      return DeploymentBackend.none();
    }
    Optional<BackendTarget> target = d.backend();
    String type = d.deploymentType();
    DeploymentIdentity identity = d.identity();
    if (dry != null) {
      return dry.backend(identity.deploymentId(), type, identity.serviceId(), target.isPresent());
    }
    if (target.isEmpty()) {
      logger.info(
          "backend integration disabled: no backendUrl/accessToken (or BACKEND_URL/ACCESS_TOKEN)");
      return DeploymentBackend.none();
    }
    BackendConfig config = BackendConfig.of(target.get().url(), target.get().accessToken());
    return BackendReporter.start(
        config,
        identity.deploymentId(),
        type,
        identity.serviceId(),
        clock,
        (call, reason) -> {
          // ask-domain is waited for inside its own span; the other calls are sent in the
          // background
          if (call.startsWith("ask-domain")) {
            trace.event("backend " + call, Span.Status.FAILED, reason);
          } else {
            trace.rootEvent("backend " + call, Span.Status.FAILED, reason);
          }
        },
        masker);
  }

  private static void warnNotApplied(TaskRequest request, DeploymentLog log) {
    if (!(request instanceof ServiceDeployment d)) {
      return;
    }
    RuntimeConfig runtime = d.runtime();
    if (!runtime.notApplied().isEmpty()) {
      log.warning(
          "accepted but not applied by this version: " + String.join(", ", runtime.notApplied()));
    }
    if (!runtime.noEffect().isEmpty()) {
      log.detail(
          "accepted, without effect here as in the earlier implementation: "
              + String.join(", ", runtime.noEffect()));
    }
  }
}
