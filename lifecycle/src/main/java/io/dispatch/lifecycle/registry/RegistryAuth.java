package io.dispatch.lifecycle.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.registry.RegistryException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.core5.net.URIBuilder;

/**
 * Registry authorization: anonymous until a registry answers 401; then Basic credentials for an
 * htpasswd-style {@code Basic} challenge, or a token from the {@code Bearer} challenge's realm
 * (fetched with the credentials, if any). Tokens are cached per registry, scope and credentials
 * until shortly before they expire.
 */
final class RegistryAuth {

  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);

  private record Key(String registry, String scope, Optional<RegistryCredentials> credentials) {}

  private record Token(String value, Instant expires) {}

  private final Map<Key, Token> tokens = new ConcurrentHashMap<>();
  private final Set<Key> basicRegistries = ConcurrentHashMap.newKeySet();
  private final RegistryOptions options;
  private final ObjectMapper json;

  RegistryAuth(RegistryOptions options, ObjectMapper json) {
    this.options = options;
    this.json = json;
  }

  /** The {@code Authorization} value to send, if this registry is known to want one. */
  Optional<String> authorization(RegistryCall call, String scope) {
    Token token = tokens.get(key(call, scope));
    if (token != null && call.now().isBefore(token.expires())) {
      return Optional.of("Bearer " + token.value());
    }
    if (basicRegistries.contains(key(call, "")) && call.credentials().isPresent()) {
      return Optional.of(basic(call.credentials().get()));
    }
    return Optional.empty();
  }

  /**
   * Answers a 401 so that the next attempt is authorized.
   *
   * @throws RegistryException when the registry wants credentials that were not given, or a scheme
   *     this client does not speak
   */
  void answer(RegistryCall call, String scope, RegistryResponse response, RegistryCaller caller) {
    List<Challenge> challenges = Challenge.parse(response.headers("www-authenticate"));
    Optional<Challenge> bearer =
        challenges.stream().filter(c -> c.is("bearer") && c.param("realm").isPresent()).findFirst();
    if (bearer.isPresent()) {
      tokens.remove(key(call, scope));
      tokens.put(key(call, scope), fetchToken(call, bearer.get(), scope, caller));
      return;
    }
    if (challenges.stream().anyMatch(c -> c.is("basic"))) {
      if (call.credentials().isEmpty()) {
        throw denied(call);
      }
      basicRegistries.add(key(call, ""));
      return;
    }
    throw new RegistryException(
        Reason.UNSUPPORTED,
        "cannot read image "
            + call.image()
            + " through the registry API: registry "
            + call.image().registry()
            + (challenges.isEmpty()
                ? " answered 401 without an authentication challenge"
                : " asks for unsupported authentication "
                    + challenges.stream().map(Challenge::scheme).distinct().toList()));
  }

  /** The message for a refusal, depending on whether credentials were given. */
  RegistryException denied(RegistryCall call) {
    return new RegistryException(
        Reason.DENIED,
        "access to "
            + call.image().name()
            + " denied: "
            + (call.credentials().isPresent()
                ? "check the registry credentials"
                : "the registry requires credentials and none were given"));
  }

  private Token fetchToken(
      RegistryCall call, Challenge challenge, String scope, RegistryCaller caller) {
    URI realm = tokenUri(call, challenge, scope);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (call.credentials().isPresent()) {
      boolean plain = "http".equalsIgnoreCase(realm.getScheme());
      String authority = realm.getHost() + (realm.getPort() >= 0 ? ":" + realm.getPort() : "");
      if (plain && !options.plainHttp().test(authority)) {
        throw new RegistryException(
            Reason.UNSUPPORTED,
            "cannot read image "
                + call.image()
                + ": the registry's token service "
                + authority
                + " is plain HTTP; credentials are only sent to it over HTTPS");
      }
      headers.put("Authorization", basic(call.credentials().get()));
    }
    RegistryResponse response =
        caller.call(
            call,
            new RegistryCaller.Request(
                realm, headers, null, "a token for image " + call.image().name()));
    JsonNode body;
    try {
      body = json.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    String token = body == null ? "" : body.path("token").asText("");
    if (token.isBlank() && body != null) {
      token = body.path("access_token").asText("");
    }
    if (token.isBlank()) {
      throw new RegistryException(
          Reason.UNSUPPORTED,
          "cannot read image "
              + call.image()
              + ": the registry's token service answered without a token");
    }
    long seconds = body.path("expires_in").asLong(0);
    Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME;
    Duration margin = lifetime.dividedBy(10);
    return new Token(token, call.now().plus(lifetime.minus(margin)));
  }

  private static URI tokenUri(RegistryCall call, Challenge challenge, String scope) {
    try {
      URIBuilder b = new URIBuilder(challenge.param("realm").orElseThrow());
      if (b.getScheme() == null
          || !(b.getScheme().equalsIgnoreCase("https") || b.getScheme().equalsIgnoreCase("http"))) {
        throw new URISyntaxException(String.valueOf(b), "not an http(s) URL");
      }
      challenge.param("service").ifPresent(s -> b.addParameter("service", s));
      b.addParameter("scope", scope);
      return b.build();
    } catch (URISyntaxException e) {
      throw new RegistryException(
          Reason.UNSUPPORTED,
          "cannot read image " + call.image() + ": the registry's token realm is not a usable URL",
          e);
    }
  }

  private static Key key(RegistryCall call, String scope) {
    return new Key(call.image().registry(), scope, call.credentials());
  }

  private static String basic(RegistryCredentials c) {
    String pair = c.username() + ":" + c.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
