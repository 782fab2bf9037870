package io.dispatch.lifecycle.run;

import io.dispatch.portdetector.GoDuration;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run tells the person reading its log, one method per event. Lines are short and readable
 * in Nomad's log view; each also carries key-values for the JSON log format.
 */
public final class DeploymentLog {

  private static final Logger log = LoggerFactory.getLogger("dispatch");

  public void runStarted(String task, String what) {
    log.atInfo().addKeyValue("event", "run").addKeyValue("task", task).log("{}: {}", task, what);
  }

  public void stepStarted(String step, String detail) {
    log.atInfo()
        .addKeyValue("event", "step")
        .addKeyValue("step", step)
        .addKeyValue("status", "started")
        .log("▶ {}{}", step, detail.isEmpty() ? "" : "  " + detail);
  }

  public void stepCompleted(String step, Duration took, String detail) {
    log.atInfo()
        .addKeyValue("event", "step")
        .addKeyValue("step", step)
        .addKeyValue("status", "completed")
        .addKeyValue("durationMs", took.toMillis())
        .log("✓ {}  {}{}", step, seconds(took), detail.isEmpty() ? "" : "  " + detail);
  }

  public void stepFailed(String step, Duration took, String reason) {
    log.atError()
        .addKeyValue("event", "step")
        .addKeyValue("step", step)
        .addKeyValue("status", "failed")
        .addKeyValue("durationMs", took.toMillis())
        .addKeyValue("reason", reason)
        .log("✗ {}  {}  failed: {}", step, seconds(took), reason);
  }

  public void stepSkipped(String step, String reason) {
    log.atInfo()
        .addKeyValue("event", "step")
        .addKeyValue("step", step)
        .addKeyValue("status", "skipped")
        .addKeyValue("reason", reason)
        .log("– {}  skipped: {}", step, reason);
  }

  /** A fact learned along the way, e.g. the ports an image exposes. */
  public void detail(String message) {
    log.info("  {}", message);
  }

  /** A line of output from a tool the step runs, e.g. the image build. */
  public void output(String line) {
    log.info("  │ {}", line);
  }

  public void warning(String message) {
    log.warn("{}", message);
  }

  /** The last line of a run: its result. */
  public void runFinished(Outcome outcome) {
    var event = outcome.succeeded() ? log.atInfo() : log.atError();
    event
        .addKeyValue("event", "result")
        .addKeyValue("result", outcome.result().name().toLowerCase(java.util.Locale.ROOT))
        .addKeyValue("exitCode", outcome.exitCode())
        .log("{}", outcome.headline());
  }

  static String seconds(Duration d) {
    return d.toMillis() < 1000
        ? d.toMillis() + "ms"
        : GoDuration.format(Duration.ofMillis(d.toMillis() / 100 * 100));
  }
}
