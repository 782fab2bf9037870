package io.dispatch.lifecycle.params;

import java.util.Locale;

/**
 * What Nomad does when the task exits: restart it in place up to {@code attempts} times, then
 * {@code fail} (hand over to rescheduling) or {@code delay} (keep trying).
 */
public record RestartPolicy(String mode, int attempts) {

  public static final int DEFAULT_ATTEMPTS = 3;

  public RestartPolicy {
    if (!"fail".equals(mode) && !"delay".equals(mode)) {
      throw new IllegalArgumentException("mode must be fail or delay");
    }
    Checks.range(attempts, 0, 1000, "restartAttempts");
  }

  /**
   * The policy for the parameters {@code restartMode} and {@code restartAttempts}, with the earlier
   * implementation's rules: {@code never} means fail with no restarts, anything but {@code delay}
   * means fail, and 0 attempts means the default of 3.
   */
  public static RestartPolicy fromParameters(String restartMode, int restartAttempts) {
    String m = restartMode == null ? "" : restartMode.strip().toLowerCase(Locale.ROOT);
    if (m.equals("never")) {
      return new RestartPolicy("fail", 0);
    }
    if (restartAttempts < 0) {
      throw new InvalidParameterException("restartAttempts", "must not be negative");
    }
    int attempts = restartAttempts == 0 ? DEFAULT_ATTEMPTS : restartAttempts;
    return new RestartPolicy(m.equals("delay") ? "delay" : "fail", attempts);
  }
}
