package io.dispatch.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One scenario's script, and where it has got to: what a register stores, then the steps that
 * {@link NomadDouble#advance()} applies one at a time (the evaluation completes, the deployment
 * progresses, fails, rolls back…).
 */
final class NomadTimeline {

  /** One change to the double's objects. */
  @FunctionalInterface
  interface Change {
    void apply(NomadTimeline timeline);
  }

  static final long JOB_CREATE_INDEX = 1002;

  private final NomadState state;
  private final NomadScenario scenario;
  private final List<List<Change>> steps = new ArrayList<>();
  private int next;
  private String jobId = "web-app";

  NomadTimeline(NomadState state, NomadScenario scenario) {
    this.state = state;
    this.scenario = scenario;
    scenario.script(this);
  }

  // ---- building the script (NomadScenario)

  void step(Change... changes) {
    steps.add(List.of(changes));
  }

  Change eval(ObjectNode eval) {
    return t -> t.put("eval/" + eval.get("ID").asText(), eval);
  }

  /** The deployment under its ID, and as the job's latest deployment. */
  Change deployment(ObjectNode deployment) {
    return t -> {
      t.put("deployment/" + deployment.get("ID").asText(), deployment);
      t.put("job-deployment", deployment);
    };
  }

  Change allocations(String deploymentId, JsonNode list) {
    return t -> t.put("deployment-allocs/" + deploymentId, list);
  }

  Change allocation(ObjectNode allocation) {
    return t -> t.put("alloc/" + allocation.get("ID").asText(), allocation);
  }

  /** The job at another version or status, stored at {@code index}. */
  Change job(long version, String status, boolean stable, long index) {
    return t -> {
      NomadState.Entry current = t.state.get("job");
      ObjectNode job = current == null ? NomadFixtures.JSON.createObjectNode() : copy(current);
      if (job.path("Version").asLong(-1) != version) {
        job.put("JobModifyIndex", index);
      }
      job.put("Version", version);
      job.put("Status", status);
      job.put("Stable", stable);
      job.put("ModifyIndex", index);
      t.state.put("job", job, index);
    };
  }

  // ---- running it

  /** Stores the registered job and its pending evaluation; returns the register response. */
  synchronized ObjectNode register(ObjectNode job) {
    jobId = job.path("ID").asText(jobId);
    long index = scenario.jobModifyIndex();
    NomadState.Entry existing = state.get("job");
    ObjectNode stored = withoutNulls(job);
    stored.put("Stop", false);
    stored.put("Status", "pending");
    stored.put("StatusDescription", "");
    stored.put("Stable", false);
    stored.put("Version", scenario.jobVersion());
    stored.put("SubmitTime", System.currentTimeMillis() * 1_000_000L);
    stored.put(
        "CreateIndex",
        existing == null
            ? JOB_CREATE_INDEX
            : existing.body().path("CreateIndex").asLong(JOB_CREATE_INDEX));
    stored.put("ModifyIndex", index);
    stored.put("JobModifyIndex", index);
    state.put("job", stored, index);
    // Nomad evaluates nothing when a periodic or parameterized job is registered.
    boolean launchedLater = job.hasNonNull("Periodic") || job.hasNonNull("ParameterizedJob");
    if (!launchedLater) {
      put("eval/" + scenario.evalId(), NomadFixtures.pendingEval(scenario.evalId(), index));
    }
    ObjectNode response = NomadFixtures.object("register-response.json");
    response.put("EvalID", launchedLater ? "" : scenario.evalId());
    response.put("EvalCreateIndex", index);
    response.put("JobModifyIndex", index);
    response.put("Index", index);
    return response;
  }

  /** Applies the next step; false when the script is over. */
  synchronized boolean advance() {
    if (next >= steps.size()) {
      return false;
    }
    List<Change> step = steps.get(next++);
    state.atomically(() -> step.forEach(change -> change.apply(this)));
    return true;
  }

  synchronized int stepsLeft() {
    return steps.size() - next;
  }

  synchronized String jobId() {
    return jobId;
  }

  private void put(String key, JsonNode body) {
    JsonNode patched = body.deepCopy();
    if (patched.isArray()) {
      patched.forEach(this::patchJobId);
    } else {
      patchJobId(patched);
    }
    state.put(key, patched, NomadFixtures.indexOf(patched, state.index() + 1));
  }

  private void patchJobId(JsonNode node) {
    if (node instanceof ObjectNode object && object.has("JobID")) {
      object.put("JobID", jobId);
    }
  }

  private static ObjectNode copy(NomadState.Entry entry) {
    return (ObjectNode) entry.body().deepCopy();
  }

  static ObjectNode withoutNulls(ObjectNode node) {
    ObjectNode copy = NomadFixtures.JSON.createObjectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getValue().isNull()) {
        copy.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    return copy;
  }
}
