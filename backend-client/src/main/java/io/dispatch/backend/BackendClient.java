package io.dispatch.backend;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The backend's three calls, one method each. Every call is a single attempt that ends by its
 * deadline; failures are {@link BackendException}s. Retries ({@link RetryingCall}) and best-effort
 * behaviour ({@link BackendSender}, under {@link BackendReporter}) belong to the callers.
 */
public final class BackendClient implements Closeable {

  static final String ASK_DOMAIN = "/api/local/ask-domain";
  static final String SERVICE_UPDATE = "/api/local/service-update";
  static final String STEP_UPDATE = "/api/local/deployment-step/update";

  private static final Pattern DOMAIN =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

  private final BackendHttp http;
  private final ObjectMapper json;

  private BackendClient(BackendHttp http, ObjectMapper json) {
    this.http = http;
    this.json = json;
  }

  public static BackendClient create(BackendConfig config, Clock clock) {
    ObjectMapper json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return new BackendClient(new BackendHttp(config, clock, json), json);
  }

  /**
   * {@code GET /api/local/ask-domain?serviceId=S}: a new subdomain for the service. A 200 whose
   * body has no usable {@code domain} is a failure.
   */
  public String askDomain(String serviceId, Instant deadline) throws BackendException {
    String body = http.execute("GET", ASK_DOMAIN, Map.of("serviceId", serviceId), null, deadline);
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new BackendException("GET " + ASK_DOMAIN + ": answer is not JSON", 200, false, null);
    }
    JsonNode domain = node == null ? null : node.get("domain");
    if (domain == null || !domain.isTextual() || domain.asText().isBlank()) {
      throw new BackendException(
          "GET " + ASK_DOMAIN + ": answer has no 'domain'" + describeBody(node), 200, false, null);
    }
    String value = domain.asText().strip();
    if (!DOMAIN.matcher(value).matches()) {
      throw new BackendException(
          "GET " + ASK_DOMAIN + ": 'domain' is not a host name", 200, false, null);
    }
    return value;
  }

  /** {@code PUT /api/local/service-update}: the service's networks, user, command, entrypoint. */
  public void updateService(ServiceUpdate update, Instant deadline) throws BackendException {
    http.execute("PUT", SERVICE_UPDATE, Map.of(), update, deadline);
  }

  /** {@code PUT /api/local/deployment-step/update}: one step's status. */
  public void updateDeploymentStep(StepUpdate update, Instant deadline) throws BackendException {
    http.execute("PUT", STEP_UPDATE, Map.of(), update, deadline);
  }

  private String describeBody(JsonNode node) {
    if (node != null && node.hasNonNull("msg")) {
      return " (" + http.oneLine(node.get("msg").asText()) + ")";
    }
    return "";
  }

  @Override
  public void close() {
    http.close();
  }
}
