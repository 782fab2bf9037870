package io.dispatch.lifecycle.params;

import io.dispatch.portdetector.NetworkEntry;
import java.util.List;

/**
 * What runs and how: everything that shapes the Nomad job apart from the image.
 *
 * @param replicaCount instances (default 1)
 * @param resources CPU and memory per instance
 * @param restart in-place restart policy
 * @param update rollout policy
 * @param command overrides the image's CMD, or empty
 * @param entrypoint overrides the image's ENTRYPOINT, or empty
 * @param dockerUser the user to run as, or empty for the image's own
 * @param startCommand a shell command that replaces CMD and ENTRYPOINT ({@code /bin/sh -c}), or
 *     empty
 * @param networks the requested networks; empty means one per detected port
 * @param consul service naming
 * @param nodePool the Nomad node pool, or empty for the default
 * @param clusterDomain the suffix for allocated domains (a {@link Checks#hostName}), or empty
 */
public record ServiceSpec(
    int replicaCount,
    Resources resources,
    RestartPolicy restart,
    UpdatePolicy update,
    String command,
    List<String> entrypoint,
    String dockerUser,
    String startCommand,
    List<NetworkEntry> networks,
    ConsulSpec consul,
    String nodePool,
    String clusterDomain) {

  public ServiceSpec {
    replicaCount = replicaCount == 0 ? 1 : Checks.range(replicaCount, 1, 1000, "replicaCount");
    resources = resources == null ? Resources.defaults() : resources;
    restart = restart == null ? RestartPolicy.fromParameters("", 0) : restart;
    update = update == null ? UpdatePolicy.defaults() : update;
    command = Checks.orEmpty(command);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    dockerUser = Checks.orEmpty(dockerUser).strip();
    startCommand = Checks.orEmpty(startCommand).strip();
    networks = networks == null ? List.of() : List.copyOf(networks);
    consul = consul == null ? ConsulSpec.none() : consul;
    nodePool = Checks.orEmpty(nodePool).strip();
    clusterDomain = Checks.hostName(clusterDomain, "clusterDomain");
  }
}
