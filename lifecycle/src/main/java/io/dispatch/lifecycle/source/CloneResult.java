package io.dispatch.lifecycle.source;

import java.time.Duration;
import java.util.Objects;

/**
 * What a clone produced.
 *
 * @param commit the full id of the commit checked out
 * @param branch the branch it is the tip of
 * @param duration how long the clone took
 */
public record CloneResult(String commit, String branch, Duration duration) {

  public CloneResult {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(duration, "duration");
  }
}
