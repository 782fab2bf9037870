package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatch.lifecycle.ports.DeploymentEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every line the console shows reaches the attached live log, with its stream and phase. */
class LiveLogAppenderTest {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> phase = new AtomicReference<>("init");

  private final DeploymentEvents recorder =
      new DeploymentEvents() {
        @Override
        public void started() {}

        @Override
        public void finished(boolean succeeded) {}

        @Override
        public void jobDestroyed(String serviceId, String reason) {}

        @Override
        public void line(Output output, String phase, long timestampMillis, String text) {
          lines.add(output + " " + phase + " " + text);
        }

        @Override
        public void close(Duration budget) {}
      };

  @AfterEach
  void detach() {
    Logging.liveLog().detach();
  }

  @Test
  void linesFollowThePhaseWarningsGoToStderrAndNothingIsSentOnceDetached() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logging.configure(
        Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new SecretMasker());
    Logger dispatch = LoggerFactory.getLogger("dispatch");
    Logger library = LoggerFactory.getLogger("org.example.Library");
    dispatch.info("before anything is attached");

    Logging.liveLog().attach(recorder, phase::get);
    dispatch.info("▶ clone  repo");
    phase.set("build");
    dispatch.info("  │ Step 1/2 : FROM scratch\n  │ Step 2/2 : COPY . .");
    library.warn("slow disk");
    dispatch.error("✗ build  1s  failed: exit status 3");
    Logging.liveLog().detach();
    dispatch.info("after the run");

    assertThat(lines)
        .containsExactly(
            "STDOUT init ▶ clone  repo",
            "STDOUT build   │ Step 1/2 : FROM scratch",
            "STDOUT build   │ Step 2/2 : COPY . .",
            "STDERR build WARN [Library] slow disk",
            "STDERR build ERROR ✗ build  1s  failed: exit status 3");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("before anything is attached", "slow disk", "after the run");
  }
}
