package io.dispatch.lifecycle.nomad;

import com.hashicorp.nomad.javasdk.ErrorResponseException;
import com.hashicorp.nomad.javasdk.NomadException;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunAbortedException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.portdetector.GoDuration;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;

/**
 * The one place that retries Nomad calls. Only transient failures are retried (no connection, a
 * reset, 5xx other than validation errors, 429), with a doubling pause, for at most {@link
 * NomadSettings#retryWindow()} and never past the run's deadline. Nomad's refusals (4xx, invalid
 * job) and TLS failures (untrusted or mismatched certificate) fail at once.
 *
 * <p>Retrying writes is safe for what this adapter writes: registering a job is idempotent (the
 * same spec, including the run's meta id, makes one version however often it is sent; a repeat only
 * adds an evaluation) and stopping a job twice stops it once.
 */
final class NomadCalls {

  /** One request to Nomad through the SDK. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException, NomadException;
  }

  private final RunControl control;
  private final NomadSettings settings;
  private final DeploymentLog log;
  private final String address;
  private final Clock clock;

  NomadCalls(RunControl control, NomadSettings settings, DeploymentLog log, String address) {
    this.control = control;
    this.settings = settings;
    this.log = log;
    this.address = address;
    this.clock = control.clock();
  }

  /**
   * Runs {@code call}, retrying transient failures.
   *
   * @param what what the call does, for messages: {@code register job web-app}
   * @throws NomadApiException when Nomad refused, or kept failing for the whole retry window
   * @throws RunAbortedException when the run is cancelled or out of time
   */
  <T> T call(String what, Call<T> call) {
    Instant started = clock.instant();
    Instant giveUpAt = started.plus(settings.retryWindow());
    Duration delay = settings.firstRetryDelay();
    for (int attempt = 1; ; attempt++) {
      control.checkpoint();
      NomadApiException failure;
      try {
        return call.run();
      } catch (ErrorResponseException e) {
        failure = NomadApiException.of(e);
      } catch (NomadApiException e) {
        failure = e;
      } catch (SSLException e) {
        stopIfAborting();
        failure = NomadApiException.tls(address, e);
      } catch (IOException e) {
        stopIfAborting();
        failure = NomadApiException.unreachable(address, e);
      } catch (NomadException e) {
        failure = NomadApiException.unexpected(what, e);
      } catch (RunAbortedException e) {
        throw e;
      } catch (RuntimeException e) {
        // A connection pool shut down by an abort, or a response the SDK could not handle.
        stopIfAborting();
        failure = NomadApiException.unexpected(what, e);
      }
      if (!failure.isRetryable()) {
        throw failure;
      }
      Instant now = clock.instant();
      if (!now.plus(delay).isBefore(giveUpAt)) {
        throw failure.afterAttempts(attempt, Duration.between(started, now));
      }
      log.detail(
          "Nomad: "
              + what
              + " failed ("
              + failure.getMessage()
              + "), retrying in "
              + GoDuration.format(delay));
      control.pause(delay);
      delay = delay.multipliedBy(2);
      if (delay.compareTo(settings.maxRetryDelay()) > 0) {
        delay = settings.maxRetryDelay();
      }
    }
  }

  private void stopIfAborting() {
    RunAbortedException stop = control.abortReason();
    if (stop != null) {
      throw stop;
    }
  }
}
