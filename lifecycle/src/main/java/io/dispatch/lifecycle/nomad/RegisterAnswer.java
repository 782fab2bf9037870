package io.dispatch.lifecycle.nomad;

import java.util.List;
import java.util.Objects;

/**
 * Nomad's answer to {@code PUT /v1/jobs}.
 *
 * @param evalId the evaluation the registration created; empty when it created none
 * @param jobModifyIndex the index at which Nomad stored the spec
 * @param warnings Nomad's warnings, one per line, maybe none
 */
record RegisterAnswer(String evalId, long jobModifyIndex, List<String> warnings) {

  RegisterAnswer {
    Objects.requireNonNull(evalId, "evalId");
    warnings = List.copyOf(warnings);
  }
}
