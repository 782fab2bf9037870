package io.dispatch.orchestrator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The run's logging: everything goes to its output stream, as text or (with {@code
 * LOG_FORMAT=json}) one JSON object per line, at {@code LOG_LEVEL} (default info), and to the
 * deployment's live log once a run attaches it. Libraries log warnings only, even at debug: their
 * debug output carries request headers and wire dumps.
 */
final class Logging {

  private static final String[] LIBRARIES = {
    "org.apache.hc",
    "org.apache.http",
    "com.github.dockerjava",
    "org.eclipse.jgit",
    "com.hashicorp",
    "io.opentelemetry"
  };

  private Logging() {}

  /**
   * Configures logging from the environment.
   *
   * @return whether lines are JSON
   * @throws BadInputException for an unknown {@code LOG_FORMAT} or {@code LOG_LEVEL}, after
   *     configuring text lines at info, so that nothing logged on the way out escapes the masker
   */
  static boolean configure(Map<String, String> env, PrintStream out, SecretMasker masker) {
    String format = env.getOrDefault("LOG_FORMAT", "").strip().toLowerCase(Locale.ROOT);
    BadInputException problem = null;
    if (!format.isEmpty() && !format.equals("text") && !format.equals("json")) {
      problem = new BadInputException("LOG_FORMAT", "must be text or json");
      format = "text";
    }
    String levelText = env.getOrDefault("LOG_LEVEL", "").strip().toUpperCase(Locale.ROOT);
    Level level =
        levelText.matches("ERROR|WARN|INFO|DEBUG|TRACE") ? Level.toLevel(levelText) : null;
    if (levelText.isEmpty()) {
      level = Level.INFO;
    }
    if (level == null) {
      problem =
          problem != null
              ? problem
              : new BadInputException(
                  "LOG_LEVEL", "must be one of error, warn, info, debug, trace");
      level = Level.INFO;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    LineAppender appender =
        new LineAppender(out, format.equals("json"), level.toInt() <= Level.DEBUG_INT, masker);
    appender.setContext(context);
    appender.setName("run");
    appender.start();
    LiveLogAppender live = new LiveLogAppender();
    live.setContext(context);
    live.setName(LiveLogAppender.NAME);
    live.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    root.addAppender(live);
    root.setLevel(level);
    for (String library : LIBRARIES) {
      context.getLogger(library).setLevel(Level.WARN);
    }
    if (problem != null) {
      throw problem;
    }
    return format.equals("json");
  }

  /**
   * The appender that copies the log to a deployment's live log; null before {@link #configure}.
   */
  static LiveLogAppender liveLog() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    return context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LiveLogAppender.NAME)
            instanceof LiveLogAppender live
        ? live
        : null;
  }
}
