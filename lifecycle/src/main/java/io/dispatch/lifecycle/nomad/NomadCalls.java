package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RetrySchedule;
import io.dispatch.lifecycle.run.RunAbortedException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.portdetector.GoDuration;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * What a failed Nomad call means, decided once: every failure becomes a {@link NomadApiException},
 * and only the transient ones (no connection, a reset, 5xx other than validation errors, 429) are
 * retried, on {@link NomadSettings#retries()} through the run's one {@link RetrySchedule}. Nomad's
 * refusals (4xx, invalid job) and TLS failures (untrusted or mismatched certificate) fail at once.
 *
 * <p>Retrying writes is safe for what this adapter writes: registering a job is idempotent (the
 * same spec, including the run's meta id, makes one version however often it is sent; a repeat only
 * adds an evaluation) and stopping a job twice stops it once.
 */
final class NomadCalls {

  /** One request to Nomad; its error answers already {@link NomadApiException}s. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException;
  }

  private final RunControl control;
  private final RetrySchedule schedule;
  private final DeploymentLog log;
  private final String address;

  NomadCalls(RunControl control, RetrySchedule schedule, DeploymentLog log, String address) {
    this.control = control;
    this.schedule = schedule;
    this.log = log;
    this.address = address;
  }

  /**
   * Runs {@code call}, retrying transient failures.
   *
   * @param what what the call does, for messages: {@code register job web-app}
   * @throws NomadApiException when Nomad refused, or kept failing for the whole retry window
   * @throws RunAbortedException when the run is cancelled or out of time
   */
  <T> T call(String what, Call<T> call) {
    return schedule.run(control, new Transient(what), () -> attempt(what, call));
  }

  private <T> T attempt(String what, Call<T> call) {
    try {
      return call.run();
    } catch (NomadApiException | RunAbortedException e) {
      throw e;
    } catch (SSLException e) {
      stopIfAborting();
      throw NomadApiException.tls(address, e);
    } catch (IOException e) {
      stopIfAborting();
      throw NomadApiException.unreachable(address, e);
    } catch (RuntimeException e) {
      // A connection pool shut down by an abort, or a response the SDK could not handle.
      stopIfAborting();
      throw NomadApiException.unexpected(what, e);
    }
  }

  private void stopIfAborting() {
    RunAbortedException stop = control.abortReason();
    if (stop != null) {
      throw stop;
    }
  }

  /** Retries what {@link NomadApiException#isRetryable()} says, and says so in the log. */
  private final class Transient implements RetrySchedule.Policy<NomadApiException> {
    private final String what;

    Transient(String what) {
      this.what = what;
    }

    @Override
    public Class<NomadApiException> failures() {
      return NomadApiException.class;
    }

    @Override
    public boolean retryable(NomadApiException failure) {
      return failure.isRetryable();
    }

    @Override
    public void retrying(NomadApiException failure, Duration pause) {
      log.detail(
          "Nomad: "
              + what
              + " failed ("
              + failure.getMessage()
              + "), retrying in "
              + GoDuration.format(pause));
    }

    @Override
    public RuntimeException exhausted(NomadApiException failure, int attempts, Duration elapsed) {
      return failure.afterAttempts(attempts, elapsed);
    }
  }
}
