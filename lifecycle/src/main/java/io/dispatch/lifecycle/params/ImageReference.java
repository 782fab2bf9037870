package io.dispatch.lifecycle.params;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed image reference: {@code [host[:port]/]path[:tag][@digest]}, with Docker Hub's
 * conventions ({@code nginx} is {@code docker.io/library/nginx:latest}).
 *
 * @param registry the registry host as written in references ({@code docker.io} for Docker Hub)
 * @param repository the repository path ({@code library/nginx})
 * @param tag the tag, or empty when only a digest is given
 * @param digest {@code sha256:…}, or empty
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  public static final String DOCKER_HUB = "docker.io";

  /**
   * A registry as written in settings and parameters ({@code https://ghcr.io/}, {@code
   * 127.0.0.1:5000}) as the host it names; empty stays empty.
   */
  public static String registryHost(String registry) {
    return registry == null
        ? ""
        : registry.strip().replaceFirst("^https?://", "").replaceAll("/+$", "");
  }

  private static final String DOCKER_HUB_API = "registry-1.docker.io";
  private static final int MAX_NAME_LENGTH = 255;

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
              + "(?::\\d{1,5})?|\\[[0-9a-fA-F:.]+\\](?::\\d{1,5})?");

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (registry.isBlank()) {
      throw new IllegalArgumentException("'registry' is required");
    }
    if (repository.isBlank()) {
      throw new IllegalArgumentException("'repository' is required");
    }
    tag = tag == null ? "" : tag;
    digest = digest == null ? "" : digest;
    if (!tag.isEmpty() && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("'tag' is not a valid tag: " + Checks.quote(tag));
    }
    if (!digest.isEmpty() && !DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("'digest' is not sha256:<64 hex digits>");
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = "latest";
    }
  }

  /**
   * Parses a full reference such as {@code nginx}, {@code ghcr.io/acme/app:1} or {@code x@sha…}.
   */
  public static ImageReference parse(String name) {
    return parse(name, null);
  }

  /**
   * Parses {@code name}, applying {@code tag} when the name carries neither a tag nor a digest of
   * its own.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  public static ImageReference parse(String name, String tag) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("is empty");
    }
    String rest = name.strip();
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("has a digest that is not sha256:<64 hex digits>");
      }
    }
    String ownTag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/') && colon > rest.lastIndexOf(']')) {
      ownTag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(ownTag).matches()) {
        throw new IllegalArgumentException("has an invalid tag (letters, digits, _ . - up to 128)");
      }
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0 && looksLikeHost(rest.substring(0, slash))) {
      String first = rest.substring(0, slash);
      if (!HOST.matcher(first).matches()) {
        throw new IllegalArgumentException(
            "has an invalid registry host '" + Checks.quote(first) + "'");
      }
      int portAt = first.lastIndexOf(':');
      int port =
          portAt > first.lastIndexOf(']') ? Integer.parseInt(first.substring(portAt + 1)) : 443;
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("has a registry port outside 1-65535");
      }
      registry = normalizeRegistry(first);
      rest = rest.substring(slash + 1);
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    for (String component : rest.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw new IllegalArgumentException(
            "is not a valid image name (path components are lower-case letters, digits and . _ -)");
      }
    }
    if (rest.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("has a repository name longer than 255 characters");
    }
    String chosenTag = ownTag != null ? ownTag : digest.isEmpty() ? strip(tag) : "";
    if (!chosenTag.isEmpty() && !TAG.matcher(chosenTag).matches()) {
      throw new IllegalArgumentException("has an invalid tag (letters, digits, _ . - up to 128)");
    }
    return new ImageReference(registry, rest, chosenTag, digest);
  }

  /**
   * Whether {@code name} starts with a registry host ({@code ghcr.io/acme/app}, not {@code
   * acme/app}).
   */
  public static boolean namesRegistry(String name) {
    int slash = name.indexOf('/');
    return slash > 0 && looksLikeHost(name.substring(0, slash));
  }

  /**
   * Docker's rule: a first component is a host if it has a dot, a port, upper case or is
   * "localhost".
   */
  private static boolean looksLikeHost(String first) {
    return first.contains(".")
        || first.contains(":")
        || first.startsWith("[")
        || first.equals("localhost")
        || !first.equals(first.toLowerCase(Locale.ROOT));
  }

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }

  private static String normalizeRegistry(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return switch (h) {
      case "index.docker.io", "registry-1.docker.io", "docker.io", "registry.hub.docker.com" ->
          DOCKER_HUB;
      default -> h;
    };
  }

  /** The host to send registry API requests to. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
  }

  /** The digest if there is one, else the tag: what to ask the registry for. */
  public String reference() {
    return digest.isEmpty() ? tag : digest;
  }

  /** The repository with its registry, without tag or digest: {@code docker.io/library/nginx}. */
  public String name() {
    return registry + "/" + repository;
  }

  /** This reference pinned to {@code newDigest}, keeping the tag for display. */
  public ImageReference withDigest(String newDigest) {
    return new ImageReference(registry, repository, tag, newDigest);
  }

  /** This reference with {@code newTag} and no digest. */
  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, newTag, "");
  }

  /** The digest, if the reference is pinned to one. */
  public Optional<String> pinnedDigest() {
    return digest.isEmpty() ? Optional.empty() : Optional.of(digest);
  }

  /**
   * Whether {@code host} names this image's registry, as written in credentials: with or without a
   * scheme or path ({@code https://index.docker.io/v1/}), in any case, Docker Hub by any alias.
   */
  public boolean isOnRegistry(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String h = host.strip().replaceFirst("(?i)^[a-z][a-z0-9+.-]*://", "");
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash);
    }
    return normalizeRegistry(h).equals(registry);
  }

  /**
   * The credentials that apply to this image: those for its registry, or those that name no
   * registry at all.
   */
  public Optional<RegistryCredentials> credentialsFrom(Optional<RegistryCredentials> candidates) {
    return candidates.filter(c -> c.registry().isEmpty() || isOnRegistry(c.registry()));
  }

  /** The canonical form, e.g. {@code docker.io/library/nginx:1.27} or {@code …@sha256:…}. */
  @Override
  public String toString() {
    return name() + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
  }
}
