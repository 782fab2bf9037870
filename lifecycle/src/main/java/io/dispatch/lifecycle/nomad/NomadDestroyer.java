package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.params.InvalidParameterException;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.util.EntityUtils;

/**
 * Stops and purges jobs ({@code DELETE /v1/job/<id>?purge=true}), each on its own cluster with its
 * own token. A job Nomad does not know is already gone. Transient failures are retried within the
 * retry window; a job that cannot be destroyed is reported, never thrown, so that the others are
 * still tried.
 *
 * <p>The job id is sent as exactly one path segment, escaped as Nomad's own Go client escapes it
 * ({@code url.PathEscape}, so a dispatched child {@code parent/dispatch-…} travels as {@code
 * parent%2Fdispatch-…}); {@code .} and {@code ..}, which a server or proxy would resolve as a step
 * up to another object, are refused. The SDK writes ids into paths unescaped (and would escape an
 * escaped one again), so this one request is written here, on the connection's own HTTP client.
 */
public final class NomadDestroyer {

  private final RunControl control;
  private final NomadSettings settings;
  private final DeploymentLog log;

  public NomadDestroyer(RunControl control, NomadSettings settings, DeploymentLog log) {
    this.control = control;
    this.settings = settings;
    this.log = log;
  }

  /**
   * Stops and purges {@code jobId} on {@code target}.
   *
   * @throws io.dispatch.lifecycle.run.RunAbortedException only when the run is cancelled or out of
   *     time
   */
  public DestroyResult destroy(NomadTarget target, String jobId) {
    String segment;
    try {
      segment = Checks.pathSegment(jobId, "jobId");
    } catch (InvalidParameterException e) {
      return DestroyResult.failed(
          "cannot stop job '" + Checks.quote(jobId) + "': " + e.getMessage());
    }
    try (NomadConnection connection = NomadConnection.open(target, settings, control, log)) {
      connection.calls().call("stop and purge job " + jobId, () -> deregister(connection, segment));
      log.detail("stopped and purged job " + jobId + " on " + connection.address());
      return DestroyResult.destroyed();
    } catch (NomadApiException e) {
      if (e.status() == 404) {
        log.detail(
            "job "
                + jobId
                + " is already gone from "
                + NomadConnection.printable(target.address()));
        return DestroyResult.alreadyGone();
      }
      return DestroyResult.failed(
          (e.isRejection() ? "Nomad refused to stop job " : "could not stop job ")
              + jobId
              + ": "
              + e.getMessage());
    } catch (StepFailedException e) {
      return DestroyResult.failed("could not stop job " + jobId + ": " + e.getMessage());
    }
  }

  /**
   * {@code DELETE /v1/job/<segment>?purge=true}, with the namespace, region and token the SDK would
   * send.
   */
  private static Void deregister(NomadConnection connection, String segment) throws IOException {
    NomadTarget target = connection.target();
    StringBuilder uri =
        new StringBuilder(connection.address())
            .append("/v1/job/")
            .append(segment)
            .append("?purge=true");
    query(uri, "namespace", target.namespace());
    query(uri, "region", target.region());
    HttpDelete delete = new HttpDelete(URI.create(uri.toString()));
    if (!target.token().isEmpty()) {
      delete.setHeader("X-Nomad-Token", target.token());
    }
    try (CloseableHttpResponse response = connection.http().execute(delete)) {
      int status = response.getStatusLine().getStatusCode();
      String body =
          response.getEntity() == null
              ? ""
              : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
      if (status < 200 || status > 299) {
        throw NomadApiException.http(status, body);
      }
      return null;
    }
  }

  private static void query(StringBuilder uri, String name, String value) {
    if (!value.isEmpty()) {
      uri.append('&')
          .append(name)
          .append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
