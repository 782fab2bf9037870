package io.dispatch.orchestrator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns the value of {@code NOMAD_META_PARAMS} into a JSON object: standard or URL-safe base64,
 * padded or not, with or without line breaks; or, when the first non-blank character is {@code
 * {}, plain JSON. Errors never quote the value, which may hold secrets.
 */
final class ParamsText {

  static final String VARIABLE = "NOMAD_META_PARAMS";

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private ParamsText() {}

  static JsonNode decode(String raw) {
    String text = raw.strip();
    String json = text.startsWith("{") ? text : fromBase64(text);
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadInputException(
          VARIABLE, "is not valid JSON" + where(e.getLocation()) + reason(e));
    }
    if (node == null || node.isMissingNode()) {
      throw new BadInputException(VARIABLE, "is empty");
    }
    if (!node.isObject()) {
      throw new BadInputException(VARIABLE, "must be a JSON object, not " + kind(node));
    }
    return node;
  }

  private static String fromBase64(String text) {
    String compact = text.replaceAll("\\s+", "").replace('-', '+').replace('_', '/');
    compact = compact.replaceAll("=+$", "");
    if (!compact.matches("[A-Za-z0-9+/]*") || compact.length() % 4 == 1) {
      throw new BadInputException(VARIABLE, "is neither base64 nor a JSON object");
    }
    byte[] bytes =
        Base64.getDecoder().decode(compact + "==".substring(0, (4 - compact.length() % 4) % 4));
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadInputException(VARIABLE, "decodes from base64 to bytes that are not UTF-8 text");
    }
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String reason(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "";
    }
    if (m.contains("end-of-input")) {
      return ": the document ends too early";
    }
    return "";
  }

  private static String kind(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
