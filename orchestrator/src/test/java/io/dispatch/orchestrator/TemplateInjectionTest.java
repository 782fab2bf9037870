package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.Fixtures;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No parameter value can change a template's structure: every value that is spliced into template
 * text is refused at input when it tries to close the template's action and open another, with one
 * line naming the field and never quoting the value.
 */
class TemplateInjectionTest {

  static final String INJECTION = "}}{{ with secret \"kv/data/other\" }}";

  private static final AdapterFactory MUST_NOT_BE_REACHED =
      StandIns.unreachable("the hostile value reached the lifecycle");

  /** JSON pointers of the fields, and the field name the message must give. */
  static Stream<Arguments> fields() {
    return Stream.of(
        Arguments.of("/projectId", "projectId"),
        Arguments.of("/serviceId", "serviceId"),
        Arguments.of("/sharedSecretPath", "sharedSecretPath"),
        Arguments.of("/privateRegistry", "privateRegistry"),
        Arguments.of("/privateRegistryProvider", "privateRegistryProvider"),
        Arguments.of("/templateStringVariables/0/name", "templateStringVariables[0].name"),
        Arguments.of("/templateStringVariables/0/pattern", "templateStringVariables[0].pattern"),
        Arguments.of(
            "/templateStringVariables/0/serviceName", "templateStringVariables[0].serviceName"),
        Arguments.of(
            "/templateStringVariables/0/serviceSecretPath",
            "templateStringVariables[0].serviceSecretPath"),
        Arguments.of(
            "/templateStringVariables/0/linkedVars/0", "templateStringVariables[0].linkedVars[0]"),
        Arguments.of("/tls/cert_path", "tls.cert_path"),
        Arguments.of("/tls/key_path", "tls.key_path"),
        Arguments.of("/tls/common_name", "tls.common_name"),
        Arguments.of("/tls/pka_path", "tls.pka_path"),
        Arguments.of("/tls/ttl", "tls.ttl"),
        Arguments.of("/configFiles/0/path", "configFiles[0].path"),
        Arguments.of("/configFiles/0/content", "configFiles[0].content"),
        Arguments.of("/vaultLinkedSecrets/0/secret", "vaultLinkedSecrets[0].secret"),
        Arguments.of("/vaultLinkedSecrets/0/template", "vaultLinkedSecrets[0].template"),
        Arguments.of("/csiVolume/0/id", "csiVolume[0].id"),
        Arguments.of("/csiVolume/0/mountPaths/0", "csiVolume[0].mountPaths[0]"),
        Arguments.of("/consul/serviceName", "consul.serviceName"),
        Arguments.of(
            "/consul/linkedServices/0/variableName", "consul.linkedServices[0].variableName"),
        Arguments.of(
            "/consul/linkedServices/0/consulServiceName",
            "consul.linkedServices[0].consulServiceName"),
        Arguments.of("/regions", "regions"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("fields")
  void aValueThatWouldOpenAnotherTemplateActionIsRefusedAtInput(String pointer, String field) {
    ObjectNode params = Fixtures.json("params/deploy-image-everything.json");
    set(params, pointer, INJECTION);

    Console r =
        Console.run(
            Map.of("NOMAD_META_TASK", "deploy-image", "NOMAD_META_PARAMS", Fixtures.base64(params)),
            MUST_NOT_BE_REACHED);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("NOMAD_META_PARAMS: '" + field + "' ");
    assertThat(r.err()).doesNotContain(INJECTION).doesNotContain("kv/data/other");
  }

  private static void set(ObjectNode root, String pointer, String value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), array.textNode(value));
    } else if (parent instanceof ObjectNode object) {
      object.put(last, value);
    } else {
      throw new IllegalArgumentException("no field at " + pointer);
    }
  }
}
