package io.dispatch.orchestrator;

/**
 * Input the run cannot start with. Its message is the one line printed on stderr before exiting
 * with code 2: the variable, then what is wrong, e.g. {@code NOMAD_META_PARAMS: 'serviceId' is
 * required}.
 */
final class BadInputException extends RuntimeException {

  BadInputException(String variable, String problem) {
    super(variable + ": " + problem);
  }
}
