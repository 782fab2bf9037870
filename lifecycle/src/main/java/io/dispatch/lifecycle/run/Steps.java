package io.dispatch.lifecycle.run;

import io.dispatch.backend.DeploymentBackend;
import io.dispatch.backend.StepStatus;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Runs the named steps of a lifecycle. Each step reports itself the same way: to the log (started,
 * completed with its duration, failed with its reason, or skipped), to the backend ({@code
 * in_progress}, then {@code completed} or {@code failed} with the error), and to the trace as a
 * span. Local phases (ports, domains) are logged and traced but not sent to the backend.
 */
public final class Steps {

  /** The live log's phase before the first step. */
  public static final String INIT_PHASE = "init";

  /** The live log's phase of local phases; the others keep the phase of the step before them. */
  private static final Map<String, String> LOCAL_LOG_PHASES = Map.of("networks", "detect");

  private final DeploymentLog log;
  private final DeploymentBackend backend;
  private final Trace trace;
  private final RunControl control;
  private final Clock clock;
  private volatile String current = "";
  private volatile String logPhase = INIT_PHASE;

  public Steps(DeploymentLog log, DeploymentBackend backend, Trace trace, RunControl control) {
    this.log = log;
    this.backend = backend;
    this.trace = trace;
    this.control = control;
    this.clock = control.clock();
  }

  /** Work done inside a step; it may add attributes and a closing detail to its span. */
  @FunctionalInterface
  public interface Action<T> {
    T run(Span span) throws Exception;
  }

  /** Runs a step the backend tracks. */
  public <T> T run(Step step, String detail, Action<T> action) {
    return execute(step.wire(), step.logPhase(), detail, true, action);
  }

  /** Runs a local phase: logged and traced, not reported to the backend. */
  public <T> T phase(String name, String detail, Action<T> action) {
    return execute(name, LOCAL_LOG_PHASES.get(name), detail, false, action);
  }

  /** Records a step that does not run, and why. The backend hears nothing: it never started. */
  public void skip(Step step, String reason) {
    log.stepSkipped(step.wire(), reason);
    trace.event(step.wire(), Span.Status.SKIPPED, reason);
  }

  /** The step (or phase) that ran last; after a failure, the one that failed. */
  public String lastStep() {
    return current;
  }

  /**
   * The phase of the live log, following the running step: {@code init} before the first, then e.g.
   * {@code clone}, {@code build}, {@code registry}, {@code detect}, {@code deploy}.
   */
  public String logPhase() {
    return logPhase;
  }

  private <T> T execute(
      String name, String phase, String detail, boolean tracked, Action<T> action) {
    current = name;
    if (phase != null) {
      logPhase = phase;
    }
    control.checkpoint();
    Span span = trace.open(name);
    Instant started = clock.instant();
    log.stepStarted(name, detail);
    if (tracked) {
      backend.reportStep(name, StepStatus.IN_PROGRESS, null);
    }
    try {
      T result = action.run(span);
      control.checkpoint();
      Duration took = Duration.between(started, clock.instant());
      trace.close(span, Span.Status.COMPLETED, "");
      log.stepCompleted(name, took, span.attributes().getOrDefault("summary", ""));
      if (tracked) {
        backend.reportStep(name, StepStatus.COMPLETED, null);
      }
      return result;
    } catch (Exception e) {
      RuntimeException failure = explain(name, e);
      String reason = failure.getMessage();
      trace.close(span, Span.Status.FAILED, reason);
      log.stepFailed(name, Duration.between(started, clock.instant()), reason);
      if (tracked) {
        backend.reportStep(name, StepStatus.FAILED, reason);
      }
      throw failure;
    }
  }

  /**
   * The failure to report. Whatever went wrong while the run is stopping is reported as the stop
   * ("timed out after 15m", "cancelled"): an aborted connection is a symptom, not the cause.
   */
  private RuntimeException explain(String name, Exception e) {
    RunAbortedException stop = e instanceof RunAbortedException r ? r : control.abortReason();
    if (stop != null) {
      return stop;
    }
    if (e instanceof StepFailedException f) {
      return f;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new StepFailedException(
        name + ": unexpected " + e.getClass().getSimpleName() + ": " + oneLine(message), e);
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
