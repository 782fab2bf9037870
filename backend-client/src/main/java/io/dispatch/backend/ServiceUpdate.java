package io.dispatch.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/** The body of {@code PUT /api/local/service-update}. Empty optional values are left out. */
@JsonPropertyOrder({"serviceId", "network", "docker_user", "cmd", "entrypoint"})
public record ServiceUpdate(
    @JsonProperty("serviceId") String serviceId,
    @JsonProperty("network") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Network> network,
    @JsonProperty("docker_user") @JsonInclude(JsonInclude.Include.NON_EMPTY) String dockerUser,
    @JsonProperty("cmd") @JsonInclude(JsonInclude.Include.NON_EMPTY) String cmd,
    @JsonProperty("entrypoint") @JsonInclude(JsonInclude.Include.NON_EMPTY) String entrypoint) {

  public ServiceUpdate {
    Objects.requireNonNull(serviceId, "serviceId");
    network = network == null ? List.of() : List.copyOf(network);
  }

  /** One network entry: {@code type} is {@code http}, {@code tcp} or {@code none}. */
  @JsonPropertyOrder({"port", "type", "public", "domain", "has_health_check", "health_check"})
  public record Network(
      @JsonProperty("port") int port,
      @JsonProperty("type") String type,
      @JsonProperty("public") boolean isPublic,
      @JsonProperty("domain") String domain,
      @JsonProperty("has_health_check") String hasHealthCheck,
      @JsonProperty("health_check") HealthCheck healthCheck) {}

  /** The health check of a network entry; empty values are left out. */
  @JsonPropertyOrder({"type", "path", "interval", "timeout", "port"})
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record HealthCheck(
      @JsonProperty("type") String type,
      @JsonProperty("path") String path,
      @JsonProperty("interval") String interval,
      @JsonProperty("timeout") String timeout,
      @JsonProperty("port") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int port) {}
}
