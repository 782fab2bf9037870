package io.dispatch.lifecycle.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.nomad.javasdk.ErrorResponseException;
import com.hashicorp.nomad.javasdk.NomadApiClient;
import com.hashicorp.nomad.javasdk.NomadException;
import com.hashicorp.nomad.javasdk.QueryOptions;
import com.hashicorp.nomad.javasdk.ServerQueryResponse;
import com.hashicorp.nomad.javasdk.WaitStrategy;
import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Nomad's HTTP API as this program uses it: one method per endpoint, in the target's namespace and
 * region with its token, returning our own records. Every method retries transient failures ({@link
 * NomadCalls}) and otherwise throws {@link NomadApiException}.
 *
 * <p>Only this class, its HTTP plumbing ({@link NomadConnection}) and the conversion of the SDK's
 * model ({@link NomadViews}) see nomad-sdk's types; replacing the SDK by plain HTTP calls changes
 * these three files and nothing that follows a job.
 */
final class NomadApi implements AutoCloseable {

  /**
   * Where a blocking query stands: index 0 reads at once; otherwise Nomad holds the read until the
   * object's index passes {@code index}, at most {@code maxWait}.
   */
  record Query(long index, Duration maxWait) {

    static final Query NOW = new Query(0, Duration.ZERO);
  }

  /** One SDK read with query options. */
  @FunctionalInterface
  private interface SdkRead<T> {
    ServerQueryResponse<T> read(QueryOptions<T> options) throws IOException, NomadException;
  }

  /** One SDK request. */
  @FunctionalInterface
  private interface SdkCall<T> {
    T run() throws IOException, NomadException;
  }

  private final NomadConnection connection;
  private final NomadCalls calls;
  private final NomadTarget target;

  private NomadApi(NomadConnection connection, NomadCalls calls, NomadTarget target) {
    this.connection = connection;
    this.calls = calls;
    this.target = target;
  }

  /**
   * The API of {@code target}; nothing is sent yet.
   *
   * @throws io.dispatch.lifecycle.run.StepFailedException when the CA certificate is unusable
   */
  static NomadApi open(
      NomadTarget target, NomadSettings settings, RunControl control, DeploymentLog log) {
    NomadConnection connection = NomadConnection.open(target, settings, control);
    NomadCalls calls = new NomadCalls(control, settings.retries(), log, connection.address());
    return new NomadApi(connection, calls, target);
  }

  /** The address for messages: scheme, host and port, never credentials. */
  String address() {
    return connection.address();
  }

  String namespace() {
    return target.namespace();
  }

  /**
   * {@code PUT /v1/jobs}: registers the job of {@code body}, our own JSON ({@code {"Job": …}}),
   * sent as it is rather than through the SDK's model (which lacks many of Nomad's fields).
   */
  RegisterAnswer register(String jobId, JsonNode body) {
    JsonNode answer = calls.call("register job " + jobId, () -> connection.put("/v1/jobs", body));
    List<String> warnings =
        Arrays.stream(answer.path("Warnings").asText("").split("\n"))
            .map(String::strip)
            .filter(w -> !w.isEmpty())
            .toList();
    return new RegisterAnswer(
        answer.path("EvalID").asText(""), answer.path("JobModifyIndex").asLong(0), warnings);
  }

  /** {@code GET /v1/job/:id}. */
  JobVersion job(String jobId) {
    return NomadViews.job(
        sdk("read job " + jobId, () -> connection.sdk().getJobsApi().info(jobId)).getValue());
  }

  /** {@code GET /v1/evaluation/:id}, blocking from {@code query}. */
  Indexed<EvaluationView> evaluation(String id, Query query) {
    return blocking(
        "read evaluation " + NomadScheduler.shortId(id),
        query,
        o -> connection.sdk().getEvaluationsApi().info(id, o),
        NomadViews::evaluation);
  }

  /** {@code GET /v1/deployment/:id}, read at once. */
  DeploymentSnapshot deployment(String id) {
    return deployment(id, Query.NOW).value();
  }

  /** {@code GET /v1/deployment/:id}, blocking from {@code query}. */
  Indexed<DeploymentSnapshot> deployment(String id, Query query) {
    return blocking(
        "read deployment " + NomadScheduler.shortId(id),
        query,
        o -> connection.sdk().getDeploymentsApi().info(id, o),
        NomadViews::deployment);
  }

  /**
   * {@code GET /v1/job/:id/deployment}, blocking from {@code query}: the job's latest deployment,
   * null while it has none.
   */
  Indexed<DeploymentSnapshot> latestDeployment(String jobId, Query query) {
    return blocking(
        "read the latest deployment of job " + jobId,
        query,
        o -> connection.sdk().getJobsApi().latestDeployment(jobId, o),
        NomadViews::deployment);
  }

  /** {@code GET /v1/deployment/allocations/:id}. */
  List<AllocationView> allocations(String deploymentId) {
    NomadApiClient sdk = connection.sdk();
    return NomadViews.allocations(
        sdk(
                "read allocations of deployment " + NomadScheduler.shortId(deploymentId),
                () -> sdk.getDeploymentsApi().allocations(deploymentId))
            .getValue());
  }

  /**
   * {@code DELETE /v1/job/:id?purge=true}: stops and purges the job. The id travels as exactly one
   * path segment, escaped as Nomad's own Go client escapes it ({@code url.PathEscape}, so a
   * dispatched child {@code parent/dispatch-…} travels as {@code parent%2Fdispatch-…}). The SDK
   * writes ids into paths unescaped (and would escape an escaped one again), so this request is
   * written by the connection.
   *
   * @throws io.dispatch.lifecycle.params.InvalidParameterException for {@code .} and {@code ..},
   *     which a server or proxy would resolve as a step up to another object
   */
  void stopAndPurge(String jobId) {
    String path = "/v1/job/" + Checks.pathSegment(jobId, "jobId") + "?purge=true";
    calls.call(
        "stop and purge job " + jobId,
        () -> {
          connection.delete(path);
          return null;
        });
  }

  private <S, R> Indexed<R> blocking(
      String what, Query query, SdkRead<S> read, Function<S, R> view) {
    QueryOptions<S> options = new QueryOptions<>();
    if (query.index() > 0) {
      options.setIndex(BigInteger.valueOf(query.index()));
      options.setWaitStrategy(fixedWait(query.maxWait()));
    }
    ServerQueryResponse<S> response = sdk(what, () -> read.read(options));
    return new Indexed<>(view.apply(response.getValue()), indexOf(response));
  }

  /** One SDK request, its error answers as {@link NomadApiException}s. */
  private <T> T sdk(String what, SdkCall<T> call) {
    return calls.call(
        what,
        () -> {
          try {
            return call.run();
          } catch (ErrorResponseException e) {
            throw NomadApiException.http(e.getServerErrorCode(), e.getServerErrorMessage(), e);
          } catch (NomadException e) {
            throw NomadApiException.unexpected(what, e);
          }
        });
  }

  /** The response's {@code X-Nomad-Index}, or 0 when it is missing or unreadable. */
  private static long indexOf(ServerQueryResponse<?> response) {
    try {
      BigInteger index = response.getIndex();
      return index == null ? 0 : index.longValue();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** {@code wait=<n>ms}, exactly; the SDK's own strategies count down from their creation. */
  private static WaitStrategy fixedWait(Duration wait) {
    long ms = Math.max(1, wait.toMillis());
    return new WaitStrategy() {
      @Override
      public String getWait() {
        return ms + "ms";
      }
    };
  }

  @Override
  public void close() {
    connection.close();
  }
}
