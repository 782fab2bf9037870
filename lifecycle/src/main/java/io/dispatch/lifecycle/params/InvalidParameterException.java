package io.dispatch.lifecycle.params;

/**
 * A parameter that cannot be used. The message names the field and says what is wrong, and never
 * quotes the value: {@code 'serviceId' is required}.
 */
public class InvalidParameterException extends IllegalArgumentException {

  private final String field;

  public InvalidParameterException(String field, String problem) {
    super("'" + field + "' " + problem);
    this.field = field;
  }

  /** The field's path, e.g. {@code networks[0].portNumber}. */
  public String field() {
    return field;
  }
}
