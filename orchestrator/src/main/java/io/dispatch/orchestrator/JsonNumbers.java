package io.dispatch.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatch.lifecycle.params.InvalidParameterException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The numbers of the parameters, the earlier implementation's lenient way (a JSON number or a
 * string of digits), read exactly and checked against a 64-bit integer's range before any
 * arithmetic: {@code 1e400} is "too large", never an infinite double or an exception.
 */
final class JsonNumbers {

  private static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final String WHOLE = "must be a whole number";
  private static final String WHOLE_OR_DIGITS = "must be a whole number or a string of digits";

  private JsonNumbers() {}

  /** A JSON number or a string of digits; absent (null) and {@code ""} are 0. */
  static long flexLong(JsonNode v, String field) {
    if (v == null) {
      return 0;
    }
    if (v.isNumber()) {
      return wholeNumber(decimal(v, field), field, WHOLE_OR_DIGITS);
    }
    if (v.isTextual()) {
      String s = v.asText().strip();
      if (s.isEmpty()) {
        return 0;
      }
      if (s.matches("-?\\d{1,18}")) {
        return Long.parseLong(s);
      }
    }
    throw new InvalidParameterException(field, WHOLE_OR_DIGITS);
  }

  /** A JSON number only; absent is 0. */
  static int plainInt(JsonNode v, String field) {
    if (v == null) {
      return 0;
    }
    if (!v.isNumber()) {
      throw new InvalidParameterException(field, WHOLE);
    }
    return toInt(wholeNumber(decimal(v, field), field, WHOLE), field);
  }

  /** A number written without decimals; absent is {@code ""}. Strings are the caller's. */
  static String flexString(JsonNode v, String field) {
    if (v == null) {
      return "";
    }
    if (v.isNumber()) {
      return decimal(v, field).setScale(0, RoundingMode.DOWN).toPlainString();
    }
    throw new InvalidParameterException(field, "must be a string or a number");
  }

  /** A number as it was written, exactly, once it is known to be in range. */
  static String plain(JsonNode v, String field) {
    return decimal(v, field).toPlainString();
  }

  static int toInt(long value, String field) {
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new InvalidParameterException(field, "is too large");
    }
    return (int) value;
  }

  /**
   * A number as a decimal, once it is known to fit a 64-bit integer's range: {@code 1e400} (an
   * infinite double, or a decimal with a huge exponent) is "too large" here, before any arithmetic
   * or formatting could blow up on it.
   */
  private static BigDecimal decimal(JsonNode v, String field) {
    if ((v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue())) {
      throw new InvalidParameterException(field, "is too large");
    }
    BigDecimal d = v.decimalValue();
    if (d.abs().compareTo(LARGEST) > 0) {
      throw new InvalidParameterException(field, "is too large");
    }
    return d;
  }

  private static long wholeNumber(BigDecimal value, String field, String problem) {
    if (value.stripTrailingZeros().scale() > 0) {
      throw new InvalidParameterException(field, problem);
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidParameterException(field, "is too large");
    }
  }
}
