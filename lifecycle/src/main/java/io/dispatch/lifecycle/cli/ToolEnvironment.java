package io.dispatch.lifecycle.cli;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment a builder program inherits: what it needs to find its tools, the Docker daemon,
 * BuildKit and a proxy, and nothing else. The orchestrator's own secrets (the parameters with their
 * tokens, the backend token, Nomad and registry credentials) stay out of it.
 */
public final class ToolEnvironment {

  private static final Set<String> NAMES =
      Set.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "LANG",
          "LANGUAGE",
          "TZ",
          "TMPDIR",
          "SSL_CERT_FILE",
          "SSL_CERT_DIR",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "NO_PROXY",
          "http_proxy",
          "https_proxy",
          "no_proxy",
          "DOCKER_CONFIG",
          "DOCKER_CERT_PATH",
          "DOCKER_TLS_VERIFY",
          "BUILDKIT_HOST",
          "XDG_RUNTIME_DIR",
          "XDG_CONFIG_HOME",
          "XDG_CACHE_HOME",
          "XDG_DATA_HOME");

  private static final Set<String> PREFIXES = Set.of("LC_", "MISE_", "NIXPACKS_", "RAILPACK_");

  private ToolEnvironment() {}

  /** The variables of {@code env} a builder program is given, sorted by name. */
  public static Map<String, String> from(Map<String, String> env) {
    Map<String, String> kept = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (value != null
              && (NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith))) {
            kept.put(name, value);
          }
        });
    return kept;
  }
}
