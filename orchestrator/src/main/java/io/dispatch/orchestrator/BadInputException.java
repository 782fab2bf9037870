package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.Checks;

/**
 * Input the run cannot start with. Its message is the one line printed on stderr before exiting
 * with code 2: the variable, then what is wrong, e.g. {@code NOMAD_META_PARAMS: 'serviceId' is
 * required}. Whatever the problem quotes is kept on that one line: control characters (a newline in
 * a JSON key, say) are written as escapes.
 */
final class BadInputException extends RuntimeException {

  BadInputException(String variable, String problem) {
    super(Checks.escape(variable + ": " + problem));
  }
}
