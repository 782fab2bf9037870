package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.Fixtures;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Hostile input, as the tables of {@link InputCrashTest}, {@link InputRefusedTest} and {@link
 * InputInjectionTest} write it: a named change to a parameter document (or a raw document, or an
 * environment variable), and the one line that must end the run.
 */
final class HostileInputs {

  static final String P = "NOMAD_META_PARAMS: ";
  static final String IMAGE = "params/deploy-image.json";
  static final String REPO = "params/deploy-repository.json";
  static final String DESTROY = "params/destroy-job-pack.json";

  private static final AdapterFactory MUST_NOT_BE_REACHED =
      StandIns.unreachable("bad input reached the lifecycle");

  private HostileInputs() {}

  /**
   * Exit 2, exactly {@code line} on stderr with no control character in it, no stack trace
   * anywhere, and nothing reaching the lifecycle.
   */
  static void assertOneLine(Map<String, String> env, String line) {
    Console r = Console.run(env, MUST_NOT_BE_REACHED);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(line + System.lineSeparator());
    assertThat(r.err().strip()).doesNotContainPattern("[\\p{Cntrl}\u2028\u2029]");
    assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  static ObjectNode network(ObjectNode d) {
    return d.putArray("networks").addObject();
  }

  static ObjectNode job(ObjectNode d) {
    return (ObjectNode) d.get("jobs").get(0);
  }

  static ArrayNode consulTags(ObjectNode d) {
    return d.putObject("consul").putArray("tags");
  }

  static Map<String, String> env(String task, String params) {
    Map<String, String> env = new HashMap<>();
    env.put("NOMAD_META_TASK", task);
    env.put("NOMAD_META_PARAMS", params);
    return env;
  }

  private static Arguments doc(
      String task, String fixture, String name, Consumer<ObjectNode> change, String line) {
    ObjectNode d = Fixtures.json(fixture);
    change.accept(d);
    return Arguments.of(name, env(task, Fixtures.base64(d)), line);
  }

  static Arguments image(String name, Consumer<ObjectNode> change, String line) {
    return doc("deploy-image", IMAGE, name, change, line);
  }

  static Arguments repo(String name, Consumer<ObjectNode> change, String line) {
    return doc("deploy-repository", REPO, name, change, line);
  }

  static Arguments destroy(String name, Consumer<ObjectNode> change, String line) {
    return doc("destroy-job-pack", DESTROY, name, change, line);
  }

  static Arguments raw(String task, String name, String json, String line) {
    return Arguments.of(name, env(task, json), line);
  }

  static Arguments withEnv(
      String fixture, String task, String variable, String value, String line, String... more) {
    Map<String, String> env = env(task, Fixtures.base64(Fixtures.json(fixture)));
    env.put(variable, value);
    for (int i = 0; i + 1 < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return Arguments.of(variable + "=" + value, env, line);
  }
}
