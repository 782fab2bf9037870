package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one deployment with blocking queries until it is final, waits for a manual promotion, or
 * stops making progress; logs and traces every change of its status or counters.
 */
final class DeploymentWatcher {

  /** How a watch ended. */
  enum Ending {
    /** successful, failed or cancelled */
    FINAL,
    /** canaries were healthy and waited for a promotion until the stall limit passed */
    AWAITING_PROMOTION,
    /** no status or counter changed for longer than the stall limit */
    STALLED,
    /** the caller's deadline passed first */
    DEADLINE
  }

  /** The last snapshot and how the watch ended. */
  record Watched(DeploymentSnapshot last, Ending ending, Duration sinceProgress) {}

  private final NomadApi api;
  private final BlockingReads reads;
  private final Clock clock;
  private final DeploymentLog log;
  private final NomadEvents events;

  DeploymentWatcher(
      NomadApi api, BlockingReads reads, Clock clock, DeploymentLog log, NomadEvents events) {
    this.api = api;
    this.reads = reads;
    this.clock = clock;
    this.log = log;
    this.events = events;
  }

  /**
   * Follows deployment {@code id} until it ends, or {@code stallLimit} passes without progress, or
   * {@code deadline} passes. Canaries that wait for a manual promotion are waited for too: someone
   * may promote them (contract §8); only when that does not happen in time is it the ending. Span
   * attributes are named {@code <prefix>.status}, {@code <prefix>.healthy} and {@code
   * <prefix>.history}.
   */
  Watched follow(String id, Duration stallLimit, Instant deadline, Span span, String prefix) {
    Progress progress = new Progress(span, prefix, clock.instant());
    BlockingReads.Result<DeploymentSnapshot> result =
        reads.until(
            q -> api.deployment(id, q),
            s -> {
              if (s == null) {
                return false;
              }
              progress.saw(s);
              return s.isTerminal();
            },
            () -> earlier(progress.lastChange.plus(stallLimit), deadline));
    DeploymentSnapshot last = progress.last;
    if (last == null) {
      throw new StepFailedException("Nomad answered no deployment " + NomadScheduler.shortId(id));
    }
    Duration since = Duration.between(progress.lastChange, clock.instant());
    if (result.done()) {
      return new Watched(last, Ending.FINAL, since);
    }
    if (last.awaitingPromotion()) {
      return new Watched(last, Ending.AWAITING_PROMOTION, since);
    }
    boolean stalled = !clock.instant().isBefore(progress.lastChange.plus(stallLimit));
    return new Watched(last, stalled ? Ending.STALLED : Ending.DEADLINE, since);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** What changed since the last answer, told once per change. */
  private final class Progress {
    private final Span span;
    private final String prefix;
    private final List<String> history = new ArrayList<>();
    private DeploymentSnapshot last;
    private Instant lastChange;

    Progress(Span span, String prefix, Instant started) {
      this.span = span;
      this.prefix = prefix;
      this.lastChange = started;
    }

    void saw(DeploymentSnapshot s) {
      boolean changed =
          last == null
              || !last.status().equals(s.status())
              || last.placed() != s.placed()
              || last.healthy() != s.healthy()
              || last.unhealthy() != s.unhealthy()
              || last.promoted() != s.promoted()
              || last.awaitingPromotion() != s.awaitingPromotion();
      last = s;
      if (!changed) {
        return;
      }
      lastChange = clock.instant();
      String state = s.status().equals("running") ? "" : s.status() + ", ";
      log.detail("deployment " + s.shortId() + ": " + state + s.progress());
      history.add(s.status() + " " + s.healthy() + "/" + s.desired());
      span.attribute(prefix + ".status", s.status())
          .attribute(prefix + ".healthy", s.healthy() + "/" + s.desired())
          .attribute(prefix + ".history", String.join(" → ", history));
      events.event(
          "nomad.deployment",
          s.shortId() + " v" + s.jobVersion() + " " + s.status() + " " + s.progress());
    }
  }
}
