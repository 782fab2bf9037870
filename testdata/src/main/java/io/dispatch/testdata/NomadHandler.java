package io.dispatch.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Answers every request of the Nomad double like Nomad would: routes it, applies an injected fault,
 * holds blocking queries, and always sends Nomad's headers.
 */
final class NomadHandler implements ResponseDefinitionTransformerV2 {

  static final String NAME = "nomad-double";

  /** Nomad caps {@code wait} at 10 minutes and defaults it to 5. */
  static final Duration MAX_WAIT = Duration.ofMinutes(10);

  static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

  private final NomadDouble nomad;

  NomadHandler(NomadDouble nomad) {
    this.nomad = nomad;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    NomadRoute route = NomadRoute.of(request.getMethod().getName(), request.getUrl());
    nomad.record(route.toRequest(request));
    Optional<NomadFaults.Fault> fault = nomad.faults().take(route.endpoint());
    if (fault.isPresent()) {
      return fault.get().isReset()
          ? new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build()
          : error(fault.get().status(), fault.get().message());
    }
    try {
      return answer(route, request);
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(500, "interrupted");
    }
  }

  private ResponseDefinition answer(NomadRoute route, Request request) throws InterruptedException {
    NomadState state = nomad.state();
    return switch (route.endpoint()) {
      case REGISTER -> register(request);
      case DEREGISTER -> deregister(route.id());
      case JOB -> read(route, "job", "job not found");
      case LATEST_DEPLOYMENT -> latestDeployment(route);
      case EVALUATION -> read(route, "eval/" + route.id(), "eval not found");
      case DEPLOYMENT -> read(route, "deployment/" + route.id(), "deployment not found");
      case DEPLOYMENT_ALLOCATIONS -> {
        NomadState.Entry e =
            state.await(key(route), route.index(), route.waitFor(), route.endpoint());
        yield e == null ? json(NomadFixtures.JSON.createArrayNode(), state.index()) : json(e);
      }
      case ALLOCATION -> read(route, "alloc/" + route.id(), "alloc not found");
      case OTHER -> error(404, "Invalid URL " + route.path());
    };
  }

  private static String key(NomadRoute route) {
    return "deployment-allocs/" + route.id();
  }

  private ResponseDefinition register(Request request) {
    JsonNode body;
    try {
      body = NomadFixtures.JSON.readTree(request.getBodyAsString());
    } catch (IOException e) {
      return error(400, "Unable to parse request: " + e.getMessage());
    }
    if (!(body != null && body.get("Job") instanceof ObjectNode job)) {
      return error(400, "Job must be specified");
    }
    if (job.path("ID").asText("").isEmpty()) {
      return error(400, "Job ID hasn't been provided");
    }
    // Real Nomad drops keys it does not know; the double refuses them, so none gets lost unseen.
    List<String> problems = NomadJobSchema.problems(body);
    if (!problems.isEmpty()) {
      return error(400, "job does not fit Nomad's job API: " + String.join("; ", problems));
    }
    ObjectNode response = nomad.registered(job);
    return json(response, response.get("Index").asLong());
  }

  private ResponseDefinition deregister(String jobId) {
    NomadState.Entry job = nomad.state().get("job");
    if (job == null || !job.body().path("ID").asText().equals(jobId)) {
      return error(404, "job not found");
    }
    nomad.state().remove("job");
    JsonNode response = NomadFixtures.read("deregister-response.json");
    return json(response, response.get("Index").asLong());
  }

  private ResponseDefinition read(NomadRoute route, String key, String notFound)
      throws InterruptedException {
    NomadState.Entry entry =
        nomad.state().await(key, route.index(), route.waitFor(), route.endpoint());
    if (entry == null) {
      return error(404, notFound);
    }
    if (route.endpoint() == NomadEndpoint.JOB
        && !entry.body().path("ID").asText().equals(route.id())) {
      return error(404, notFound);
    }
    return json(entry);
  }

  /** {@code null} with 200 while the job has no deployment, as Nomad answers. */
  private ResponseDefinition latestDeployment(NomadRoute route) throws InterruptedException {
    NomadState state = nomad.state();
    NomadState.Entry entry =
        state.await("job-deployment", route.index(), route.waitFor(), route.endpoint());
    return entry == null ? json(NomadFixtures.JSON.nullNode(), state.index()) : json(entry);
  }

  private static ResponseDefinition json(NomadState.Entry entry) {
    return json(entry.body(), entry.index());
  }

  static ResponseDefinition json(JsonNode body, long index) {
    return new ResponseDefinitionBuilder()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Nomad-Index", Long.toString(index))
        .withHeader("X-Nomad-KnownLeader", "true")
        .withHeader("X-Nomad-LastContact", "0")
        .withBody(body.toString())
        .build();
  }

  static ResponseDefinition error(int status, String message) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "text/plain; charset=utf-8")
        .withBody(message)
        .build();
  }
}
