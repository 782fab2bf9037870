package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.BackendTarget;
import io.dispatch.lifecycle.params.InvalidParameterException;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.params.Urls;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a run connects, from the parameters or else the environment: the backend and Nomad. A
 * problem with a value that came from the environment names the variable, not the field; every
 * token and any user info met is added to the run's secrets first.
 */
final class Targets {

  private Targets() {}

  /**
   * The backend: the parameters' {@code backendUrl} and {@code accessToken}, else {@code
   * BACKEND_URL} and {@code ACCESS_TOKEN}; empty unless both a URL and a token are known.
   */
  static Optional<BackendTarget> backend(
      JsonFields p, Map<String, String> env, Set<String> secrets) {
    String url = p.string("backendUrl");
    String token = p.string("accessToken");
    boolean fromEnv = url.isBlank();
    if (fromEnv) {
      url = env(env, "BACKEND_URL");
    }
    if (token.isBlank()) {
      token = env(env, "ACCESS_TOKEN");
    }
    if (!token.isBlank()) {
      secrets.add(token);
    }
    UrlSecrets.addTo(url, secrets);
    try {
      return BackendTarget.of(url, token, "backendUrl");
    } catch (InvalidParameterException e) {
      if (fromEnv) {
        throw new BadInputException("BACKEND_URL", withoutField(e, "backendUrl"));
      }
      throw e;
    }
  }

  /**
   * The Nomad cluster: the parameters' address and token, else {@code NOMAD_ADDR} and {@code
   * NOMAD_TOKEN}, with {@code NOMAD_REGION}, {@code NOMAD_NAMESPACE} and {@code NOMAD_CACERT};
   * {@code field} names the address field in messages ({@code jobs[1].nomadAddress}).
   */
  static NomadTarget nomad(
      String address, String token, String field, Map<String, String> env, Set<String> secrets) {
    boolean fromEnv = address.isBlank();
    String addr = fromEnv ? env(env, "NOMAD_ADDR") : address;
    String tok = token.isBlank() ? env(env, "NOMAD_TOKEN") : token;
    if (!tok.isBlank()) {
      secrets.add(tok);
    }
    UrlSecrets.addTo(addr, secrets);
    String caCert = env(env, "NOMAD_CACERT");
    if (!caCert.isEmpty() && !readableFile(caCert)) {
      throw new BadInputException("NOMAD_CACERT", "is not a readable file");
    }
    try {
      if (!addr.isBlank()) {
        Urls.endpoint(addr.strip(), field);
      }
      return new NomadTarget(
          addr, tok, env(env, "NOMAD_REGION"), env(env, "NOMAD_NAMESPACE"), caCert);
    } catch (InvalidParameterException e) {
      if (fromEnv && !addr.isBlank()) {
        throw new BadInputException("NOMAD_ADDR", withoutField(e, field));
      }
      throw e;
    }
  }

  private static String withoutField(InvalidParameterException e, String field) {
    return e.getMessage().replaceFirst("^'" + Pattern.quote(field) + "' ", "");
  }

  private static boolean readableFile(String path) {
    try {
      Path p = Path.of(path);
      return Files.isRegularFile(p) && Files.isReadable(p);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static String env(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null ? "" : v.strip();
  }
}
