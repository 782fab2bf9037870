package io.dispatch.orchestrator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.dispatch.lifecycle.ports.DeploymentEvents;
import io.dispatch.lifecycle.ports.DeploymentEvents.Output;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Sends every line of the run's log, as it is written, to the deployment's live log: the text the
 * console shows after its time, in the phase of the running step, on stderr for warnings and errors
 * and stdout for the rest. Does nothing until a run attaches its events. Masking happens where the
 * lines are sent.
 */
final class LiveLogAppender extends AppenderBase<ILoggingEvent> {

  static final String NAME = "live";
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");

  private record Target(DeploymentEvents events, Supplier<String> phase) {}

  private volatile Target target;

  /** Sends the log to {@code events} from now on, each line in the phase {@code phase} says. */
  void attach(DeploymentEvents events, Supplier<String> phase) {
    target = new Target(events, phase);
  }

  /** Stops sending. */
  void detach() {
    target = null;
  }

  @Override
  protected void append(ILoggingEvent event) {
    Target t = target;
    if (t == null) {
      return;
    }
    Output output = event.getLevel().isGreaterOrEqual(Level.WARN) ? Output.STDERR : Output.STDOUT;
    String phase = t.phase().get();
    String text = LineAppender.text(event);
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      t.events().line(output, phase, event.getTimeStamp(), text);
      return;
    }
    for (String line : LINE_BREAK.split(text)) {
      t.events().line(output, phase, event.getTimeStamp(), line);
    }
  }
}
