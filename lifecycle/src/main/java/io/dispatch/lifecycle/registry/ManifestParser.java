package io.dispatch.lifecycle.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads manifest documents with Jackson's tree model, so unknown fields ({@code artifactType},
 * {@code subject}, annotations) never break parsing. The type comes from the response's {@code
 * Content-Type}, else the document's {@code mediaType}, else its shape: OCI allows leaving the
 * media type out, and an index has {@code manifests} where an image manifest has {@code config}.
 */
final class ManifestParser {

  private static final Set<String> KNOWN =
      Set.of(
          Manifest.OCI_INDEX,
          Manifest.DOCKER_LIST,
          Manifest.OCI_MANIFEST,
          Manifest.DOCKER_MANIFEST);
  private static final Set<String> IMAGE_CONFIGS =
      Set.of(
          "",
          "application/vnd.oci.image.config.v1+json",
          "application/vnd.docker.container.image.v1+json");

  private final ObjectMapper json;

  ManifestParser(ObjectMapper json) {
    this.json = json;
  }

  /** A document this client cannot use; the message says why in a few words. */
  static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message);
    }
  }

  Manifest parse(byte[] body, String contentType) throws UnreadableException {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      throw new UnreadableException("the manifest is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new UnreadableException("the manifest is not a JSON object");
    }
    String type = mediaType(root, contentType);
    return switch (type) {
      case Manifest.OCI_INDEX, Manifest.DOCKER_LIST -> index(type, root);
      default -> image(type, root);
    };
  }

  private static String mediaType(JsonNode root, String contentType) throws UnreadableException {
    String header = contentType == null ? "" : contentType.split(";")[0].strip();
    header = header.toLowerCase(Locale.ROOT);
    if (KNOWN.contains(header)) {
      return header;
    }
    String declared = root.path("mediaType").asText("");
    if (KNOWN.contains(declared)) {
      return declared;
    }
    if (!declared.isEmpty()) {
      throw new UnreadableException("unsupported manifest type " + declared);
    }
    if (root.path("schemaVersion").asInt(0) == 1 || header.contains("manifest.v1")) {
      throw new UnreadableException("unsupported manifest type (Docker schema 1)");
    }
    if (root.path("manifests").isArray()) {
      return Manifest.OCI_INDEX;
    }
    if (root.path("config").isObject()) {
      return Manifest.OCI_MANIFEST;
    }
    throw new UnreadableException(
        "unsupported manifest type " + (header.isEmpty() ? "(none given)" : header));
  }

  private static Manifest.Index index(String type, JsonNode root) throws UnreadableException {
    List<Descriptor> entries = new ArrayList<>();
    for (JsonNode entry : root.path("manifests")) {
      entries.add(descriptor(entry, "index entry"));
    }
    return new Manifest.Index(type, entries);
  }

  private static Manifest.Image image(String type, JsonNode root) throws UnreadableException {
    JsonNode config = root.path("config");
    if (!config.isObject()) {
      throw new UnreadableException("the manifest has no config");
    }
    Descriptor descriptor = descriptor(config, "config");
    if (!IMAGE_CONFIGS.contains(descriptor.mediaType())) {
      throw new UnreadableException(
          "it is not a container image (config type " + descriptor.mediaType() + ")");
    }
    return new Manifest.Image(type, descriptor);
  }

  private static Descriptor descriptor(JsonNode node, String what) throws UnreadableException {
    String digest = node.path("digest").asText("");
    if (!Digests.isDigest(digest)) {
      throw new UnreadableException("the manifest has a " + what + " without a valid digest");
    }
    Optional<Platform> platform = Optional.empty();
    JsonNode p = node.path("platform");
    if (p.isObject() && p.hasNonNull("os") && p.hasNonNull("architecture")) {
      platform =
          Optional.of(
              new Platform(
                  p.path("os").asText(),
                  p.path("architecture").asText(),
                  p.path("variant").asText("")));
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    node.path("annotations")
        .properties()
        .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return new Descriptor(
        node.path("mediaType").asText(""),
        digest,
        node.path("size").asLong(-1),
        platform,
        annotations);
  }
}
