package io.dispatch.testdata;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays a scenario step by step as the client follows it, on a thread of its own: each time a
 * blocking query to the next endpoint is being held — a request made after the previous step — the
 * double advances. So a client sees every state in turn ("Nomad changes its mind while the client
 * is waiting"), however slow the machine, which a timer cannot promise.
 */
public final class NomadDriver {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final CountDownLatch done = new CountDownLatch(1);
  private volatile String problem;

  private NomadDriver() {}

  /** Advances {@code nomad} once per entry of {@code whenHeld}, in order. */
  public static NomadDriver start(NomadDouble nomad, NomadEndpoint... whenHeld) {
    NomadDriver driver = new NomadDriver();
    Thread thread = new Thread(() -> driver.drive(nomad, whenHeld), "nomad-driver");
    thread.setDaemon(true);
    thread.start();
    return driver;
  }

  private void drive(NomadDouble nomad, NomadEndpoint... whenHeld) {
    Map<NomadEndpoint, Integer> seen = new EnumMap<>(NomadEndpoint.class);
    try {
      for (NomadEndpoint endpoint : whenHeld) {
        if (!awaitRequest(nomad, endpoint, seen.getOrDefault(endpoint, 0))
            || !nomad.awaitHeld(endpoint, WAIT)) {
          problem = "no blocking query to " + endpoint + " was held";
          return;
        }
        seen.put(endpoint, nomad.requests(endpoint).size());
        nomad.advance();
      }
    } finally {
      done.countDown();
    }
  }

  /** Waits until {@code endpoint} has had more than {@code count} requests. */
  private static boolean awaitRequest(NomadDouble nomad, NomadEndpoint endpoint, int count) {
    long until = System.nanoTime() + WAIT.toNanos();
    while (nomad.requests(endpoint).size() <= count) {
      if (System.nanoTime() > until) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Waits for the last step; fails when one of the queries never came. */
  public void awaitDone() throws InterruptedException {
    if (!done.await(WAIT.toSeconds() * 2, TimeUnit.SECONDS)) {
      throw new AssertionError("the driver did not finish");
    }
    if (problem != null) {
      throw new AssertionError(problem);
    }
  }
}
