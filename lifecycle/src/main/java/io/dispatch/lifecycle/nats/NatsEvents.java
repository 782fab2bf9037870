package io.dispatch.lifecycle.nats;

import io.dispatch.lifecycle.nats.Publisher.Outgoing;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.ports.DeploymentEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The run's events and live log on NATS JetStream, with the earlier implementation's subjects and
 * payloads (contract §9): {@code deployment.status.changed} when a deployment starts, {@code
 * deployment.succeeded} or {@code deployment.failed} when it ends, {@code job.destroyed} per
 * destroyed job, one {@code build.log.<deploymentId>} message per log line (sequence from 1 per
 * output stream) and {@code build.log.end.<deploymentId>} last.
 *
 * <p>Connecting and sending happen on the publisher's thread; every call here only queues.
 */
public final class NatsEvents implements DeploymentEvents {

  /** Log lines waiting to be sent, at most (about 20,000 lines of a hundred characters). */
  static final long BUFFER_BYTES = 4L * 1024 * 1024;

  /** Messages waiting for their acknowledgement at once, at most. */
  static final int WINDOW = 256;

  /** What a queued line costs beyond its text: the other payload fields. */
  private static final int LINE_OVERHEAD = 160;

  private final Publisher publisher;
  private final Subjects subjects;
  private final Payloads payloads;
  private final DeploymentIdentity deployment;
  private final String type;
  private final long[] sequences = new long[Output.values().length];
  private volatile boolean succeeded;

  NatsEvents(
      Publisher publisher,
      Subjects subjects,
      Payloads payloads,
      DeploymentIdentity deployment,
      String type) {
    this.publisher = publisher;
    this.subjects = subjects;
    this.payloads = payloads;
    this.deployment = deployment;
    this.type = type;
  }

  /**
   * The events and live log of a deployment; starts connecting in the background.
   *
   * @param mask the run's secret masker, applied to every string sent
   */
  public static DeploymentEvents forDeployment(
      NatsSettings settings,
      ServiceDeployment deployment,
      UnaryOperator<String> mask,
      Clock clock) {
    // the earlier implementation's names for the two kinds of deployment
    String type = deployment instanceof ImageDeployment ? "image" : "git_repo";
    return new NatsEvents(
        publisher(settings, clock),
        subjects(settings),
        new Payloads(mask, deployment.identity()),
        deployment.identity(),
        type);
  }

  /** The events of destroy-job-pack: {@code job.destroyed} only, no live log. */
  public static DeploymentEvents forDestroy(
      NatsSettings settings, UnaryOperator<String> mask, Clock clock) {
    return new NatsEvents(
        publisher(settings, clock), subjects(settings), new Payloads(mask, null), null, "");
  }

  private static Publisher publisher(NatsSettings settings, Clock clock) {
    return new Publisher(
            new JetStreamSink(settings), clock, BUFFER_BYTES, WINDOW, settings.describeServers())
        .start();
  }

  private static Subjects subjects(NatsSettings settings) {
    return new Subjects(settings.prefix());
  }

  @Override
  public void started() {
    if (deployment != null) {
      event(subjects.statusChanged(), () -> payloads.started());
    }
  }

  @Override
  public void finished(boolean succeeded) {
    if (deployment != null) {
      this.succeeded = succeeded;
      event(succeeded ? subjects.succeeded() : subjects.failed(), () -> payloads.result(type));
    }
  }

  @Override
  public void jobDestroyed(String serviceId, String reason) {
    event(subjects.jobDestroyed(), () -> payloads.jobDestroyed(serviceId, reason));
  }

  @Override
  public void line(Output output, String phase, long timestampMillis, String text) {
    if (deployment == null) {
      return;
    }
    String subject = subjects.log(deployment.deploymentId());
    synchronized (sequences) {
      long sequence = ++sequences[output.ordinal()];
      publisher.offer(
          new Outgoing(
              subject,
              () -> payloads.line(output, text, timestampMillis, sequence, phase),
              text.length() + LINE_OVERHEAD,
              true));
    }
  }

  @Override
  public void close(Duration budget) {
    if (deployment != null) {
      boolean ok = succeeded;
      event(subjects.logEnd(deployment.deploymentId()), () -> payloads.logEnd(ok));
    }
    publisher.close(budget);
  }

  private void event(String subject, java.util.function.Supplier<byte[]> body) {
    publisher.offer(new Outgoing(subject, body, 0, false));
  }
}
