package io.dispatch.lifecycle.params;

import java.util.List;

/**
 * Service-discovery naming.
 *
 * @param serviceName the group (and service name prefix); empty means the job ID
 * @param tags extra tags for every service, each a {@link Checks#userTag}
 * @param servicePort accepted, not applied by this version
 * @param linkedServices accepted, not applied by this version
 */
public record ConsulSpec(
    String serviceName, List<String> tags, int servicePort, List<LinkedService> linkedServices) {

  public ConsulSpec {
    serviceName = Checks.orEmpty(serviceName).strip();
    tags = tags == null ? List.of() : List.copyOf(tags);
    for (int i = 0; i < tags.size(); i++) {
      Checks.userTag(tags.get(i), "consul.tags[" + i + "]");
    }
    linkedServices = linkedServices == null ? List.of() : List.copyOf(linkedServices);
  }

  public static ConsulSpec none() {
    return new ConsulSpec("", List.of(), 0, List.of());
  }

  /** Another service whose address is handed to this one in a variable. */
  public record LinkedService(String variableName, String consulServiceName) {}
}
