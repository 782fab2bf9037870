package io.dispatch.lifecycle.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.portdetector.ImageMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an image config blob (OCI or Docker): the {@code ExposedPorts} keys, {@code Env}, {@code
 * User}, {@code Cmd} and {@code Entrypoint} of its {@code config} object.
 */
final class ImageConfigBlob {

  private final ObjectMapper json;

  ImageConfigBlob(ObjectMapper json) {
    this.json = json;
  }

  ImageMetadata parse(byte[] body) throws ManifestParser.UnreadableException {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      throw new ManifestParser.UnreadableException("the image config is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new ManifestParser.UnreadableException("the image config is not a JSON object");
    }
    JsonNode config = root.path("config");
    List<String> ports = new ArrayList<>();
    config.path("ExposedPorts").properties().forEach(e -> ports.add(e.getKey()));
    return new ImageMetadata(
        ports,
        strings(config.path("Env")),
        config.path("User").asText(""),
        strings(config.path("Cmd")),
        strings(config.path("Entrypoint")));
  }

  private static List<String> strings(JsonNode node) {
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(v -> values.add(v.asText()));
    }
    return values;
  }
}
