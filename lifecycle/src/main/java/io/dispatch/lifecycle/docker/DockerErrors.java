package io.dispatch.lifecycle.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import io.dispatch.lifecycle.text.OneLine;
import java.io.IOException;

/** Turns docker-java's failures into one line with the daemon's own words. */
final class DockerErrors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX = 400;

  private DockerErrors() {}

  /** The daemon's reason: the {@code message} of its JSON error body, or the failure's text. */
  static String reason(Throwable failure, String dockerHost) {
    if (failure instanceof DockerException e) {
      String body = e.getMessage() == null ? "" : e.getMessage();
      body = body.replaceFirst("^Status \\d+: ", "");
      return oneLine(messageOf(body));
    }
    Throwable cause = failure;
    while (cause.getCause() != null && !(cause instanceof IOException)) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException io) {
      return "cannot talk to the Docker daemon at "
          + dockerHost
          + ": "
          + oneLine(OneLine.message(io));
    }
    return oneLine(OneLine.message(failure));
  }

  static boolean isNotFound(Throwable failure) {
    return failure instanceof DockerException e && e.getHttpStatus() == 404;
  }

  private static String messageOf(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.hasNonNull("message")) {
        return node.get("message").asText();
      }
    } catch (IOException notJson) {
      // the body is plain text
    }
    return body;
  }

  /** A daemon's text as one line of a message, cut to {@value #MAX} characters. */
  static String oneLine(String text) {
    return OneLine.of(text, MAX);
  }
}
