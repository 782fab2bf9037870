package io.dispatch.lifecycle.registry;

import io.dispatch.lifecycle.image.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
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
    this.deadline = own.isBefore(control.deadline()) ? own : control.deadline();
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
      throw timedOut();
    }
  }

  /** The run's stop if it is stopping, else this call's timeout. */
  RuntimeException stopOrTimeout() {
    RunAbortedException stop = control.abortReason();
    return stop != null ? stop : timedOut();
  }

  RegistryException timedOut() {
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
