package io.dispatch.lifecycle.registry;

import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.run.DeadlineExceededException;
import io.dispatch.lifecycle.run.RunAbortedException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.portdetector.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One operation against a registry on behalf of one image: its credentials, its deadline (the
 * call's own limit, never past the run's), and the bytes it has read so far.
 */
final class RegistryCall {

  private final ImageReference image;
  private final Optional<RegistryCredentials> credentials;
  private final RunControl control;
  private final Duration limit;
  private final Instant deadline;
  private final boolean runBound;
  private long bytesRead;

  RegistryCall(
      ImageReference image,
      Optional<RegistryCredentials> credentials,
      RunControl control,
      Duration limit) {
    this.image = image;
    this.credentials = image.credentialsFrom(credentials);
    this.control = control;
    this.limit = control.bounded(limit);
    Instant own = control.clock().instant().plus(limit);
    this.runBound = !own.isBefore(control.deadline());
    this.deadline = runBound ? control.deadline() : own;
  }

  ImageReference image() {
    return image;
  }

  /** The credentials that apply to this image's registry. */
  Optional<RegistryCredentials> credentials() {
    return credentials;
  }

  RunControl control() {
    return control;
  }

  Instant now() {
    return control.clock().instant();
  }

  /** Time left for this call; zero once it has run out. */
  Duration left() {
    Duration left = Duration.between(now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The shorter of {@code wanted} and the time left. */
  Duration bounded(Duration wanted) {
    Duration left = left();
    return wanted.compareTo(left) < 0 ? wanted : left;
  }

  /**
   * Throws when there is no time left: the run's own stop if the run is stopping, else a timeout of
   * this call.
   */
  void checkTime() {
    control.checkpoint();
    if (left().isZero()) {
      throw stopOrTimeout();
    }
  }

  /**
   * Why time ran out: the run's stop if it is stopping or if its deadline is the one this call
   * reached (a socket timeout can fire a moment before the run's watchdog), else this call's own
   * timeout.
   */
  RuntimeException stopOrTimeout() {
    RunAbortedException stop = control.abortReason();
    if (stop != null) {
      return stop;
    }
    if (runBound) {
      return new DeadlineExceededException(
          "timed out after " + GoDuration.format(control.timeout()));
    }
    return timedOut();
  }

  private RegistryException timedOut() {
    return new RegistryException(
        RegistryException.Reason.UNREACHABLE,
        "registry "
            + image.registry()
            + " did not answer within "
            + GoDuration.format(limit)
            + " while reading image "
            + image);
  }

  void count(long bytes) {
    bytesRead += bytes;
  }

  long bytesRead() {
    return bytesRead;
  }
}
