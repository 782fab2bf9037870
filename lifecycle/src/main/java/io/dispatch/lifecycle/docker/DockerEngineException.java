package io.dispatch.lifecycle.docker;

import io.dispatch.lifecycle.run.StepFailedException;

/** The Docker daemon refused or failed an operation; the message is the daemon's reason. */
public final class DockerEngineException extends StepFailedException {

  DockerEngineException(String message) {
    super(message);
  }

  DockerEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
