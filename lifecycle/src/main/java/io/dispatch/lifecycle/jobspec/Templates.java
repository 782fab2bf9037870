package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.ConsulSpec.LinkedService;
import io.dispatch.lifecycle.params.DeploymentIdentity;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.RuntimeConfig.ConfigFile;
import io.dispatch.lifecycle.params.RuntimeConfig.TemplateVariable;
import io.dispatch.lifecycle.params.RuntimeConfig.TlsCertificate;
import io.dispatch.lifecycle.params.TemplateText;
import java.util.List;

/**
 * The task's {@code template} blocks, which Nomad renders inside the allocation with Vault and the
 * service registry (pack-job-shape.md, task templates 1-7). The texts are fixed; the only values
 * inserted are ids, paths and names that were checked at input against {@link
 * io.dispatch.lifecycle.params.TemplateText}'s character sets, and config file content, which stays
 * base64 until Nomad decodes it.
 */
final class Templates {

  static final String LOCAL = "local/";
  static final String SERVICE_ENV = "secrets/file.env";
  static final String SHARED_ENV = "secrets/shared-secrets.env";
  static final String LINKED_SERVICES_ENV = "secrets/consul_services.env";
  static final String CONNECTION_ENV = "secrets/connection.env";

  /** Certificates must be readable by whichever user the container runs as. */
  static final String CERTIFICATE_PERMS = "0644";

  private final JobRequest request;
  private final RegistryAccess registry;
  private final String kv;

  Templates(JobRequest request, RegistryAccess registry) {
    this.request = request;
    this.registry = registry;
    this.kv = request.settings().platform().kvMount();
  }

  /** Whether a template reads a secret of the project (so the job needs the project's policy). */
  boolean readsProjectSecrets() {
    RuntimeConfig r = request.runtime();
    return !request.identity().projectId().isEmpty()
        || !r.templateVariables().isEmpty()
        || !r.certificates().isEmpty();
  }

  /** Whether any template reads Vault. */
  boolean readVault() {
    return readsProjectSecrets() || registry.fromVault();
  }

  ArrayNode all() {
    ArrayNode list = Json.array();
    RuntimeConfig r = request.runtime();
    DeploymentIdentity id = request.identity();
    if (!id.projectId().isEmpty()) {
      list.add(env(keysOf(kvPath(id.serviceId())), SERVICE_ENV, "noop"));
      if (!r.sharedSecretPath().isEmpty()) {
        list.add(env(keysOf(kvPath(r.sharedSecretPath())), SHARED_ENV, "noop"));
      }
    }
    if (registry.fromVault()) {
      list.add(env(keysOf(registry.vaultSecret()), RegistryAccess.DESTINATION, "noop"));
    }
    List<LinkedService> linked = request.service().consul().linkedServices();
    if (!linked.isEmpty()) {
      list.add(env(linkedServices(linked), LINKED_SERVICES_ENV, "restart"));
    }
    if (!r.templateVariables().isEmpty()) {
      StringBuilder text = new StringBuilder();
      r.templateVariables().forEach(v -> text.append(connection(v)));
      list.add(env(text.toString(), CONNECTION_ENV, "restart"));
    }
    for (TlsCertificate c : r.certificates()) {
      list.add(file(certificate(c, "certificate"), c.certPath(), CERTIFICATE_PERMS));
      list.add(file(certificate(c, "private_key"), c.keyPath(), CERTIFICATE_PERMS));
    }
    for (ConfigFile f : r.configFiles()) {
      list.add(file("{{ base64Decode \"" + f.base64Content() + "\" }}", LOCAL + f.path(), ""));
    }
    return list;
  }

  private String kvPath(String path) {
    return kv + "/data/" + request.identity().projectId() + "/" + path;
  }

  /** Every key of a KV v2 secret as a {@code KEY=value} line. */
  static String keysOf(String secretPath) {
    return "{{ with secret \""
        + secretPath
        + "\" }}{{ range $key, $value := .Data.data }}\n{{ $key }}={{ $value }}{{ end }}{{ end }}\n";
  }

  /**
   * {@code VAR=address:port} of another service's first instance; a service name ending in {@code
   * _HOST} or {@code _PORT} asks for the address or the port alone (the pack's rule).
   */
  private String linkedServices(List<LinkedService> linked) {
    StringBuilder b = new StringBuilder();
    for (LinkedService l : linked) {
      String service = l.consulServiceName();
      String value = "{{ .Address }}:{{ .Port }}";
      if (service.endsWith("_HOST")) {
        service = service.substring(0, service.length() - 5);
        value = "{{ .Address }}";
      } else if (service.endsWith("_PORT")) {
        service = service.substring(0, service.length() - 5);
        value = "{{ .Port }}";
      }
      b.append(firstInstance(service, "\n" + l.variableName() + "=" + value));
    }
    return b.append('\n').toString();
  }

  /** One connection string: the secret's linked variables, then the pattern on an instance. */
  private String connection(TemplateVariable v) {
    StringBuilder b = new StringBuilder("{{ with secret \"").append(kvPath(v.serviceSecretPath()));
    b.append("\" }}");
    for (String name : v.linkedVars()) {
      b.append("{{ $").append(name).append(" := index .Data.data \"").append(name).append("\" }}");
    }
    StringBuilder line = new StringBuilder("\n").append(v.name()).append("=\"");
    for (TemplateText.Part part : v.pattern()) {
      if (part instanceof TemplateText.Literal l) {
        line.append(l.text());
      } else {
        String name = ((TemplateText.Reference) part).name();
        line.append("{{ ").append(name.startsWith(".") ? name : "$" + name).append(" }}");
      }
    }
    line.append('"');
    return b.append(firstInstance(v.serviceName(), line.toString()))
        .append("{{ end }}\n")
        .toString();
  }

  /** {@code body} rendered with the first instance of {@code service}, if it has one. */
  private String firstInstance(String service, String body) {
    String lookup = request.settings().nomadServices() ? "nomadService" : "service";
    return "{{ with "
        + lookup
        + " \""
        + service
        + "\" }}{{ with index . 0 }}"
        + body
        + "{{ end }}{{ end }}";
  }

  private static String certificate(TlsCertificate c, String field) {
    return "{{ with secret \""
        + c.pkiPath()
        + "\" \"common_name="
        + c.commonName()
        + "\" \"ttl="
        + c.ttl()
        + "\" }}{{ .Data."
        + field
        + " }}{{ end }}\n";
  }

  private static ObjectNode env(String text, String destination, String changeMode) {
    return Json.object()
        .put("EmbeddedTmpl", text)
        .put("DestPath", destination)
        .put("ChangeMode", changeMode)
        .put("Envvars", true);
  }

  private static ObjectNode file(String text, String destination, String perms) {
    ObjectNode t =
        Json.object()
            .put("EmbeddedTmpl", text)
            .put("DestPath", destination)
            .put("ChangeMode", "restart")
            .put("Envvars", false);
    if (!perms.isEmpty()) {
      t.put("Perms", perms);
    }
    return t;
  }
}
