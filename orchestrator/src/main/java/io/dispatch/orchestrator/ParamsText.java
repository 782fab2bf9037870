package io.dispatch.orchestrator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dispatch.lifecycle.params.Checks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the value of {@code NOMAD_META_PARAMS} into a JSON object: standard or URL-safe base64,
 * padded or not, with or without line breaks; or, when the first non-blank character is {@code
 * {}, plain JSON. Errors never quote the value, which may hold secrets.
 *
 * <p>The JSON is read strictly: one object and nothing after it, each key once, at most {@value
 * #MAX_DEPTH} levels deep, at most {@value #MAX_DOCUMENT} characters. Decimal numbers are read
 * exactly, so that no value becomes an infinite double.
 */
final class ParamsText {

  static final String VARIABLE = "NOMAD_META_PARAMS";

  /** The longest document, in characters (Linux itself allows 128 KiB for one variable). */
  static final int MAX_DOCUMENT = 512 * 1024;

  /** The deepest nesting of objects and lists. */
  static final int MAX_DEPTH = 32;

  private static final Pattern DUPLICATE =
      Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private ParamsText() {}

  static JsonNode decode(String raw) {
    String text = raw.strip();
    if (text.length() > MAX_DOCUMENT * 4 / 3 + 4) {
      throw new BadInputException(VARIABLE, "is longer than " + MAX_DOCUMENT + " characters");
    }
    String json = text.startsWith("{") ? text : fromBase64(text);
    if (json.length() > MAX_DOCUMENT) {
      throw new BadInputException(VARIABLE, "is longer than " + MAX_DOCUMENT + " characters");
    }
    JsonNode node;
    try (JsonParser parser = JSON.createParser(json)) {
      node = JSON.readTree(parser);
      refuseTrailingData(parser);
    } catch (JsonProcessingException e) {
      throw new BadInputException(
          VARIABLE, "is not valid JSON" + where(e.getLocation()) + reason(e));
    } catch (IOException e) {
      throw new BadInputException(VARIABLE, "cannot be read as JSON");
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

  /** One JSON value and nothing after it: a second object or stray text would be ignored. */
  private static void refuseTrailingData(JsonParser parser) throws IOException {
    JsonLocation after = parser.currentLocation();
    boolean more;
    try {
      more = parser.nextToken() != null;
    } catch (JsonProcessingException e) {
      more = true;
    }
    if (more) {
      throw new BadInputException(
          VARIABLE,
          "is not valid JSON"
              + where(after)
              + ": something follows the JSON object (only one object is allowed)");
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
    if (e instanceof StreamConstraintsException) {
      return m.contains("nesting depth")
          ? ": nested more than " + MAX_DEPTH + " levels deep"
          : m.contains("Number value length") ? ": a number is too long" : ": a value is too long";
    }
    Matcher duplicate = DUPLICATE.matcher(m);
    if (duplicate.matches()) {
      return ": the key '" + Checks.quote(duplicate.group(1)) + "' appears twice";
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
