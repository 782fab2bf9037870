package io.dispatch.lifecycle.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.lifecycle.registry.RegistryException.Reason;
import io.dispatch.lifecycle.run.RunAbortedException;
import io.dispatch.lifecycle.text.OneLine;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that decides what a registry's answer means: it adds authorization, answers a 401
 * challenge once, retries the named retryable failures (connection refused or reset, 429, 5xx) with
 * back-off inside the call's deadline, and turns every other failure into a {@link
 * RegistryException} whose message names the image.
 */
final class RegistryCaller {

  /**
   * One request.
   *
   * @param uri where to send it
   * @param headers headers besides {@code Authorization}
   * @param scope the token scope ({@code repository:x:pull}) for registry API requests, or {@code
   *     null} for the token service, which is never sent registry authorization
   * @param subject what is asked for, for messages: {@code image 127.0.0.1:5000/a:1}
   */
  record Request(URI uri, Map<String, String> headers, String scope, String subject) {

    boolean isRegistryApi() {
      return scope != null;
    }
  }

  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  private final RegistryTransport transport;
  private final RegistryAuth auth;
  private final RegistryOptions options;
  private final ObjectMapper json;

  RegistryCaller(
      RegistryTransport transport, RegistryAuth auth, RegistryOptions options, ObjectMapper json) {
    this.transport = transport;
    this.auth = auth;
    this.options = options;
    this.json = json;
  }

  RegistryResponse call(RegistryCall call, Request request) {
    int attempt = 1;
    boolean challengeAnswered = false;
    while (true) {
      call.checkTime();
      Map<String, String> headers = new LinkedHashMap<>(request.headers());
      if (request.isRegistryApi()) {
        auth.authorization(call, request.scope()).ifPresent(a -> headers.put("Authorization", a));
      }
      RegistryResponse response;
      try {
        response = transport.get(call, request.uri(), headers);
      } catch (RegistryTransport.TransportFailure failure) {
        if (failure.retryable() && attempt < options.attempts() && pause(call, attempt, null)) {
          attempt++;
          continue;
        }
        throw new RegistryException(
            Reason.UNREACHABLE,
            "cannot reach "
                + where(call, request)
                + " for image "
                + call.image()
                + ": "
                + failure.getMessage(),
            failure);
      }
      int status = response.status();
      if (status == 401 && request.isRegistryApi() && !challengeAnswered) {
        auth.answer(call, request.scope(), response, this);
        challengeAnswered = true;
        continue;
      }
      if (response.isSuccess()) {
        return response;
      }
      if ((status == 429 || status >= 500)
          && attempt < options.attempts()
          && pause(call, attempt, retryAfter(response))) {
        attempt++;
        continue;
      }
      throw failure(call, request, response);
    }
  }

  /** Waits before the next attempt; false when the wait would not leave time to try again. */
  private boolean pause(RegistryCall call, int attempt, Duration retryAfter) {
    Duration wait = options.backoff().multipliedBy(1L << Math.min(attempt - 1, 10));
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter;
    }
    if (wait.compareTo(call.left()) >= 0) {
      return false;
    }
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      RunAbortedException stop = call.control().abortReason();
      if (stop != null) {
        throw stop;
      }
      Thread.currentThread().interrupt();
      throw new RegistryException(
          Reason.UNREACHABLE, "interrupted while reading image " + call.image(), e);
    }
  }

  private static Duration retryAfter(RegistryResponse response) {
    String value = response.header("retry-after").orElse("").strip();
    if (!value.matches("\\d{1,6}")) {
      return null;
    }
    Duration d = Duration.ofSeconds(Long.parseLong(value));
    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
  }

  private RegistryException failure(RegistryCall call, Request request, RegistryResponse r) {
    int status = r.status();
    String detail = errorDetail(r);
    if (status == 401 || status == 403) {
      return auth.denied(call);
    }
    if (status == 429) {
      return new RegistryException(
          Reason.RATE_LIMITED,
          "registry "
              + call.image().registry()
              + " limits requests (HTTP 429) and kept refusing while reading "
              + request.subject()
              + "; try again later");
    }
    if (status == 404 && request.isRegistryApi()) {
      return new RegistryException(
          Reason.NOT_FOUND, request.subject() + " not found in the registry (" + detail + ")");
    }
    Reason reason = status >= 500 ? Reason.UNREACHABLE : Reason.UNSUPPORTED;
    return new RegistryException(
        reason,
        where(call, request)
            + " answered HTTP "
            + status
            + (detail.equals("HTTP " + status) ? "" : " (" + detail + ")")
            + " while reading "
            + request.subject());
  }

  private static String where(RegistryCall call, Request request) {
    if (request.isRegistryApi()) {
      return "registry " + call.image().registry();
    }
    URI u = request.uri();
    return "token service " + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
  }

  /** The registry's own words from an error body, e.g. {@code manifest unknown}. */
  private String errorDetail(RegistryResponse r) {
    try {
      JsonNode first = json.readTree(r.body()).path("errors").path(0);
      String message = first.path("message").asText("");
      if (message.isBlank()) {
        message = first.path("code").asText("").toLowerCase(Locale.ROOT).replace('_', ' ');
      }
      if (!message.isBlank()) {
        return OneLine.of(message, 200);
      }
    } catch (IOException | RuntimeException notJson) {
      // fall through to the status
    }
    return "HTTP " + r.status();
  }
}
