package io.dispatch.lifecycle.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.lifecycle.registry.RegistryException.Reason;
import io.dispatch.lifecycle.run.RetrySchedule;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that decides what a registry's answer means: it adds authorization, answers a 401
 * challenge once, retries the named retryable failures (connection refused or reset, 429, 5xx) on
 * {@link RegistryOptions#retries()} (the run's one {@link RetrySchedule}) inside the call's
 * deadline, and turns every other failure into a {@link RegistryException} whose message names the
 * image.
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
    call.checkTime();
    Exchange exchange = new Exchange(call, request);
    return options.retries().withWindow(call.left()).run(call.control(), RETRIES, exchange::send);
  }

  /**
   * One request and its answer: sends it with the authorization it has, answers a 401 challenge
   * once (the answer is kept for the retries), and classifies what comes back.
   */
  private final class Exchange {
    private final RegistryCall call;
    private final Request request;
    private boolean challengeAnswered;

    Exchange(RegistryCall call, Request request) {
      this.call = call;
      this.request = request;
    }

    /**
     * @throws Retryable for no connection, 429 and 5xx
     * @throws RegistryException for every other failure
     */
    RegistryResponse send() {
      call.checkTime();
      Map<String, String> headers = new LinkedHashMap<>(request.headers());
      if (request.isRegistryApi()) {
        auth.authorization(call, request.scope()).ifPresent(a -> headers.put("Authorization", a));
      }
      RegistryResponse response;
      try {
        response = transport.get(call, request.uri(), headers);
      } catch (RegistryTransport.TransportFailure failure) {
        RegistryException unreachable =
            new RegistryException(
                Reason.UNREACHABLE,
                "cannot reach "
                    + where(call, request)
                    + " for image "
                    + call.image()
                    + ": "
                    + failure.getMessage(),
                failure);
        if (failure.retryable()) {
          throw new Retryable(unreachable, Duration.ZERO);
        }
        throw unreachable;
      }
      int status = response.status();
      if (status == 401 && request.isRegistryApi() && !challengeAnswered) {
        auth.answer(call, request.scope(), response, RegistryCaller.this);
        challengeAnswered = true;
        return send();
      }
      if (response.isSuccess()) {
        return response;
      }
      RegistryException failure = failure(call, request, response);
      if (status == 429 || status >= 500) {
        throw new Retryable(failure, retryAfter(response));
      }
      throw failure;
    }
  }

  /** A failure another attempt may mend, and the shortest pause the registry asked for. */
  private static final class Retryable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RegistryException failure;
    private final transient Duration retryAfter;

    Retryable(RegistryException failure, Duration retryAfter) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
      this.retryAfter = retryAfter;
    }
  }

  /** Retries every {@link Retryable}; when they run out, its failure is what the caller gets. */
  private static final RetrySchedule.Policy<Retryable> RETRIES =
      new RetrySchedule.Policy<>() {
        @Override
        public Class<Retryable> failures() {
          return Retryable.class;
        }

        @Override
        public boolean retryable(Retryable failure) {
          return true;
        }

        @Override
        public Duration notBefore(Retryable failure) {
          return failure.retryAfter;
        }

        @Override
        public RuntimeException exhausted(Retryable failure, int attempts, Duration elapsed) {
          return failure.failure;
        }
      };

  private static Duration retryAfter(RegistryResponse response) {
    String value = response.header("retry-after").orElse("").strip();
    if (!value.matches("\\d{1,6}")) {
      return Duration.ZERO;
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
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
      }
    } catch (IOException | RuntimeException notJson) {
      // fall through to the status
    }
    return "HTTP " + r.status();
  }
}
