package io.dispatch.lifecycle.params;

import java.util.regex.Pattern;

/** Validation helpers for the parameter records; every failure names its field. */
final class Checks {

  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private Checks() {}

  static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidParameterException(field, "is required");
    }
    return value.strip();
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  static String jobId(String value, String field) {
    String id = required(value, field);
    if (!JOB_ID.matcher(id).matches()) {
      throw new InvalidParameterException(
          field, "must be 1-128 letters, digits, '-' or '_' (it names the Nomad job)");
    }
    return id;
  }

  static int range(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new InvalidParameterException(field, "must be between " + min + " and " + max);
    }
    return value;
  }

  static long atLeast(long value, long min, String field) {
    if (value < min) {
      throw new InvalidParameterException(field, "must be at least " + min);
    }
    return value;
  }
}
