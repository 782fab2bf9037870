package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadRequest;
import io.dispatch.testdata.NomadScenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** destroy-job-pack with the production adapters against three Nomad doubles. */
class DestroyTest {

  @Test
  void eachJobIsDestroyedOnItsOwnClusterAndOneThatKeepsFailingFailsTheRun() {
    try (NomadDouble a = NomadDouble.start(NomadScenario.SUCCESSFUL).givenJob("web-a");
        NomadDouble b = NomadDouble.start(NomadScenario.SUCCESSFUL).givenJob("web-b");
        NomadDouble c = NomadDouble.start(NomadScenario.SUCCESSFUL).givenJob("stuck")) {
      b.failNext(NomadEndpoint.DEREGISTER, 1, 500, "No cluster leader");
      c.failAlways(NomadEndpoint.DEREGISTER, 500, "No cluster leader");
      ObjectNode params = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      ArrayNode jobs = params.putArray("jobs");
      jobs.addObject()
          .put("jobId", "web-a")
          .put("nomadAddress", a.url())
          .put("nomadToken", "token-a-1234");
      jobs.addObject()
          .put("jobId", "gone-a")
          .put("nomadAddress", a.url())
          .put("nomadToken", "token-a-1234");
      jobs.addObject()
          .put("jobId", "web-b")
          .put("nomadAddress", b.url())
          .put("nomadToken", "token-b-5678");
      jobs.addObject().put("jobId", "stuck").put("serviceId", "svc_9");
      params.put("reason", "suspend_account");
      Map<String, String> env =
          Map.of(
              "NOMAD_META_TASK", "destroy-job-pack",
              "NOMAD_META_PARAMS", params.toString(),
              "NOMAD_ADDR", c.url(),
              "NOMAD_TOKEN", "env-token-9999",
              "NOMAD_RETRY_WINDOW", "2s");
      Console console = Console.run(new String[0], env, new ProductionAdapters());
      int code = console.code();

      String log = console.out();
      assertThat(code).isEqualTo(1);
      assertThat(log)
          .contains("reason: suspend_account")
          .containsPattern("✓ destroy web-a  \\S+  destroyed")
          .containsPattern("✓ destroy gone-a  \\S+  already gone")
          .containsPattern("✓ destroy web-b  \\S+  destroyed")
          .containsPattern("✗ destroy stuck  \\S+  failed: .*No cluster leader")
          .doesNotContain("token-a-1234", "token-b-5678", "env-token-9999");
      assertThat(console.err())
          .startsWith("failed at destroy: 1 of 4 job(s) not destroyed: stuck:");
      assertThat(a.requests(NomadEndpoint.DEREGISTER))
          .hasSize(2)
          .allSatisfy(r -> assertThat(r.token()).isEqualTo("token-a-1234"))
          .allSatisfy(r -> assertThat(r.query()).containsEntry("purge", java.util.List.of("true")));
      assertThat(b.requests(NomadEndpoint.DEREGISTER))
          .hasSize(2)
          .extracting(NomadRequest::token)
          .containsOnly("token-b-5678");
      assertThat(c.requests(NomadEndpoint.DEREGISTER))
          .hasSizeGreaterThan(1)
          .extracting(NomadRequest::token)
          .containsOnly("env-token-9999");
    }
  }
}
