package io.dispatch.lifecycle.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ResponseItem;
import io.dispatch.lifecycle.run.RunAbortedException;
import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a streamed daemon response (build, push, pull). The daemon reports failures inside an
 * HTTP 200 stream as items with {@code errorDetail}; the first one is kept and fails the operation,
 * whatever comes after it. Waiting is bounded by the run: when it stops, the stream is closed,
 * which aborts the request.
 */
final class StreamCallback<T extends ResponseItem> extends ResultCallback.Adapter<T> {

  private static final Logger LOG = LoggerFactory.getLogger(StreamCallback.class);

  private final Consumer<T> onItem;
  private volatile String errorMessage;
  private volatile Throwable failure;
  private volatile int items;

  StreamCallback(Consumer<T> onItem) {
    this.onItem = onItem;
  }

  @Override
  public void onNext(T item) {
    items++;
    if (item.isErrorIndicated() && errorMessage == null) {
      ResponseItem.ErrorDetail detail = item.getErrorDetail();
      String message = detail == null ? null : detail.getMessage();
      errorMessage = message == null || message.isBlank() ? "unknown error" : message;
    }
    onItem.accept(item);
  }

  /** Records the failure without docker-java's error-level log, and ends the stream. */
  @Override
  public void onError(Throwable throwable) {
    if (failure == null) {
      failure = throwable;
    }
    LOG.debug("stream failed", throwable);
    closeQuietly();
  }

  int items() {
    return items;
  }

  /**
   * Waits for the stream to end within the run's time.
   *
   * @throws RunAbortedException when the run stopped first
   * @throws DockerEngineException "{@code what} failed: reason" for an error item or a failed
   *     request
   */
  void await(RunControl control, String what, String dockerHost) {
    RunControl.AbortHook abort = control.onAbort(this::closeQuietly);
    try {
      boolean done = awaitCompletion(control.remaining().toMillis(), TimeUnit.MILLISECONDS);
      RunAbortedException stop = control.abortReason();
      if (stop != null) {
        throw stop;
      }
      if (!done) {
        throw new DockerEngineException(what + " did not finish in time");
      }
    } catch (InterruptedException e) {
      closeQuietly();
      RunAbortedException stop = control.abortReason();
      if (stop != null) {
        throw stop;
      }
      Thread.currentThread().interrupt();
      throw new DockerEngineException(what + " was interrupted", e);
    } finally {
      abort.close();
    }
    if (errorMessage != null) {
      throw new DockerEngineException(what + " failed: " + DockerErrors.oneLine(errorMessage));
    }
    if (failure != null) {
      throw new DockerEngineException(
          what + " failed: " + DockerErrors.reason(failure, dockerHost), failure);
    }
  }

  /** The failure of the request itself (not an error item), for callers that treat 404 apart. */
  Throwable requestFailure() {
    return failure;
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException ignored) {
      // the stream is being abandoned
    }
  }
}
