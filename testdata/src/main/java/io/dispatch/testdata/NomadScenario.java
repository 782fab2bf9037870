package io.dispatch.testdata;

import static io.dispatch.testdata.NomadFixtures.completeEval;
import static io.dispatch.testdata.NomadFixtures.object;
import static io.dispatch.testdata.NomadFixtures.read;
import static io.dispatch.testdata.NomadFixtures.running;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the Nomad double plays after a register, as in the scenario scripts of nomad-api.md §1.13.
 * Each is a register (the job gets {@link #jobVersion()}, the evaluation is {@code pending}) and
 * then steps that {@link NomadDouble#advance()} applies one at a time. The comments list the steps.
 */
public enum NomadScenario {

  /** 1: eval complete, deployment running 1/2 healthy; 2: deployment successful 2/2. */
  SUCCESSFUL(Ids.A_EVAL, 3, 1205) {
    @Override
    void script(NomadTimeline t) {
      t.step(
          t.eval(object("eval-complete.json")),
          t.deployment(object("deployment-running.json")),
          t.allocations(Ids.A_DEPLOYMENT, read("deployment-allocations-successful.json")),
          t.job(3, "running", false, 1208));
      t.step(t.deployment(object("deployment-successful.json")), t.job(3, "running", true, 1225));
    }
  },

  /** 1: eval complete, deployment running; 2: failed due to unhealthy allocations (bad image). */
  FAILED_UNHEALTHY(Ids.B_EVAL, 4, 1305) {
    @Override
    void script(NomadTimeline t) {
      failing(t, "deployment-failed-unhealthy.json");
    }
  },

  /** Like {@link #FAILED_UNHEALTHY}, but 2: failed due to progress deadline. */
  PROGRESS_DEADLINE(Ids.B_EVAL, 4, 1305) {
    @Override
    void script(NomadTimeline t) {
      failing(t, "deployment-failed-progress-deadline.json");
    }
  },

  /**
   * 1: running; 2: failed, rolling back to job version 3; 3: Nomad registers v3's spec as v5 and
   * its deployment runs; 4: the revert deployment is successful.
   */
  AUTO_REVERT(Ids.B_EVAL, 4, 1305) {
    @Override
    void script(NomadTimeline t) {
      failing(t, "deployment-failed-autorevert.json");
      t.step(
          t.job(5, "running", false, 1399), t.deployment(object("deployment-revert-running.json")));
      t.step(
          t.deployment(object("deployment-revert-successful.json")),
          t.job(5, "running", true, 1412));
    }
  },

  /**
   * 1: the eval completes with FailedTGAllocs (memory exhausted on 2 nodes) and a blocked eval; the
   * deployment stays running with nothing placed, forever.
   */
  PLACEMENT_FAILURE(Ids.E_EVAL, 6, 1505) {
    @Override
    void script(NomadTimeline t) {
      t.step(
          t.eval(object("eval-placement-failed.json")),
          t.eval(object("eval-blocked.json")),
          t.deployment(object("deployment-placement-stuck.json")));
    }
  },

  /**
   * 1: the eval completes without naming a deployment; 2: the job's latest deployment appears,
   * running; 3: it is successful.
   */
  EVAL_WITHOUT_DEPLOYMENT(Ids.A_EVAL, 3, 1205) {
    @Override
    void script(NomadTimeline t) {
      ObjectNode eval = object("eval-complete.json");
      eval.remove("DeploymentID");
      t.step(t.eval(eval), t.job(3, "running", false, 1208));
      t.step(t.deployment(object("deployment-running.json")));
      t.step(t.deployment(object("deployment-successful.json")));
    }
  },

  /** The first register answers 500 {@code No cluster leader}; then as {@link #SUCCESSFUL}. */
  REGISTER_500_THEN_SUCCESS(Ids.A_EVAL, 3, 1205) {
    @Override
    void script(NomadTimeline t) {
      SUCCESSFUL.script(t);
    }

    @Override
    void faults(NomadDouble nomad) {
      nomad.failNext(NomadEndpoint.REGISTER, 1, 500, "No cluster leader");
    }
  },

  /** Every register answers 400 {@code Job must be specified}. */
  REGISTER_400_INVALID_JOB(Ids.A_EVAL, 3, 1205) {
    @Override
    void script(NomadTimeline t) {}

    @Override
    void faults(NomadDouble nomad) {
      nomad.failAlways(NomadEndpoint.REGISTER, 400, "Job must be specified");
    }
  },

  /** 1: eval complete, deployment running 1/2 healthy; then nothing ever changes. */
  NEVER_FINISHES(Ids.A_EVAL, 3, 1205) {
    @Override
    void script(NomadTimeline t) {
      t.step(
          t.eval(object("eval-complete.json")),
          t.deployment(object("deployment-running.json")),
          t.job(3, "running", false, 1208));
    }
  },

  /**
   * 1: eval complete; the canary is healthy and the deployment waits for manual promotion; 2: an
   * operator promotes it; 3: successful.
   */
  CANARY_AWAITING_PROMOTION(Ids.F_EVAL, 7, 1705) {
    @Override
    void script(NomadTimeline t) {
      t.step(
          t.eval(completeEval(Ids.F_EVAL, 1705, Ids.F_DEPLOYMENT)),
          t.deployment(object("deployment-canary-needs-promotion.json")));
      t.step(t.deployment(CanaryStates.promoted(1720, false)));
      t.step(t.deployment(CanaryStates.successful(1730, false)), t.job(7, "running", true, 1731));
    }
  },

  /**
   * A redeploy with the default rollout (one canary, promoted automatically). 1: eval complete, the
   * canary placed; 2: it is healthy, pending automatic promotion; 3: promoted, the second instance
   * replaced; 4: successful.
   */
  CANARY_PROMOTED_AUTOMATICALLY(Ids.F_EVAL, 7, 1705) {
    @Override
    void script(NomadTimeline t) {
      canaryPlaced(t);
      t.step(t.deployment(CanaryStates.pendingAutoPromotion(1712)));
      t.step(t.deployment(CanaryStates.promoted(1716, true)));
      t.step(t.deployment(CanaryStates.successful(1724, true)), t.job(7, "running", true, 1725));
    }
  },

  /**
   * 1: eval complete, the canary placed; 2: it fails its checks, the deployment fails and rolls
   * back to v6 (the old instances never stopped serving); 3: v6's spec runs as v8; 4: successful.
   */
  CANARY_UNHEALTHY(Ids.F_EVAL, 7, 1705) {
    @Override
    void script(NomadTimeline t) {
      canaryPlaced(t);
      t.step(
          t.allocations(Ids.F_DEPLOYMENT, read("deployment-allocations-failed.json")),
          t.allocation(object("allocation-read-failed.json")),
          t.deployment(CanaryStates.failed(1740)));
      t.step(
          t.job(8, "running", false, 1750),
          t.deployment(CanaryStates.revert("running", "Deployment is running", 0, 1752)));
      t.step(
          t.deployment(
              CanaryStates.revert("successful", "Deployment completed successfully", 2, 1760)),
          t.job(8, "running", true, 1761));
    }
  },

  /**
   * 1: eval complete, the canary deployment running (canary not healthy yet); 2: cancelled due to a
   * newer version of the job.
   */
  SUPERSEDED(Ids.F_EVAL, 7, 1705) {
    @Override
    void script(NomadTimeline t) {
      t.step(
          t.eval(completeEval(Ids.F_EVAL, 1705, Ids.F_DEPLOYMENT)),
          t.deployment(running("deployment-cancelled-newer-version.json", 1710)));
      t.step(t.deployment(object("deployment-cancelled-newer-version.json")));
    }
  };

  private final String evalId;
  private final long jobVersion;
  private final long jobModifyIndex;

  NomadScenario(String evalId, long jobVersion, long jobModifyIndex) {
    this.evalId = evalId;
    this.jobVersion = jobVersion;
    this.jobModifyIndex = jobModifyIndex;
  }

  /** The evaluation the register creates. */
  public String evalId() {
    return evalId;
  }

  /** The version the registered job gets. */
  public long jobVersion() {
    return jobVersion;
  }

  /** The register response's {@code JobModifyIndex}. */
  public long jobModifyIndex() {
    return jobModifyIndex;
  }

  abstract void script(NomadTimeline t);

  /** Faults the scenario starts with. */
  void faults(NomadDouble nomad) {}

  /** The register's evaluation completes and the redeploy's canary (v7) is placed. */
  private static void canaryPlaced(NomadTimeline t) {
    t.step(
        t.eval(completeEval(Ids.F_EVAL, 1705, Ids.F_DEPLOYMENT)),
        t.deployment(CanaryStates.placed(1708, true)),
        t.job(7, "running", false, 1708));
  }

  private static void failing(NomadTimeline t, String failedDeployment) {
    t.step(
        t.eval(completeEval(Ids.B_EVAL, 1305, Ids.B_DEPLOYMENT)),
        t.deployment(running(failedDeployment, 1310)),
        t.job(4, "running", false, 1308));
    t.step(
        t.allocations(Ids.B_DEPLOYMENT, read("deployment-allocations-failed.json")),
        t.allocation(object("allocation-read-failed.json")),
        t.deployment(object(failedDeployment)));
  }

  /** IDs used across the fixtures. */
  public static final class Ids {
    public static final String A_EVAL = "5b9d2c1e-7f4a-4e1b-9a3c-0d8e6f2a1b47";
    public static final String A_DEPLOYMENT = "a7c3e9f1-2b4d-4c6e-8f0a-1d3b5c7e9f21";
    public static final String B_EVAL = "2f3e4d5c-6b7a-4988-b7c6-d5e4f3a2b1c0";
    public static final String B_DEPLOYMENT = "d41f0e2a-9b8c-4d7e-a6f5-0e1d2c3b4a59";
    public static final String REVERT_DEPLOYMENT = "b8a79605-e4d3-4c2b-9a18-f7e6d5c4b3a2";
    public static final String E_EVAL = "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a";
    public static final String E_BLOCKED_EVAL = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    public static final String E_DEPLOYMENT = "e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9";
    public static final String F_EVAL = "6e7f8091-a2b3-4c4d-9e5f-60718293a4b5";
    public static final String F_DEPLOYMENT = "c1b2a394-8576-4e3d-b2c1-a0f9e8d7c6b5";

    private Ids() {}
  }
}
