package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.InvalidParameterException;
import io.dispatch.lifecycle.params.JobKind;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.RuntimeConfig.ConfigFile;
import io.dispatch.lifecycle.params.RuntimeConfig.CsiVolume;
import io.dispatch.lifecycle.params.RuntimeConfig.DeployMode;
import io.dispatch.lifecycle.params.RuntimeConfig.LinkedSecret;
import io.dispatch.lifecycle.params.RuntimeConfig.PrivateRegistry;
import io.dispatch.lifecycle.params.RuntimeConfig.TemplateVariable;
import io.dispatch.lifecycle.params.RuntimeConfig.TlsCertificate;
import io.dispatch.lifecycle.params.TemplateText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what the service gets at run time (contract §7): Vault secrets and templates, the private
 * registry, the CSI volume, config files, TLS, the job kind, regions and {@code deploy}. Values
 * that end up inside template text are checked here against {@link TemplateText}'s rules, so that
 * none can change what Nomad renders. Fields the earlier implementation accepted without effect, or
 * that this version cannot apply, are named so the run can say so.
 */
final class RuntimeFields {

  private final JsonFields p;
  private final Set<String> secrets;
  private final String projectId;

  private RuntimeFields(JsonFields p, Set<String> secrets) {
    this.p = p;
    this.secrets = secrets;
    String project = p.string("projectId");
    this.projectId = project.isBlank() ? "" : TemplateText.id(project, "projectId");
    if (!projectId.isEmpty()) {
      // The service's own secrets are read from <kv>/data/<projectId>/<serviceId>.
      TemplateText.id(p.string("serviceId"), "serviceId");
    }
  }

  static RuntimeConfig read(JsonFields p, Set<String> secrets) {
    return new RuntimeFields(p, secrets).read();
  }

  private RuntimeConfig read() {
    String shared = p.string("sharedSecretPath");
    if (!shared.isBlank()) {
      needsProject("sharedSecretPath");
      shared = TemplateText.secretPath(shared, "sharedSecretPath");
    }
    return new RuntimeConfig(
        shared,
        linkedSecrets(),
        privateRegistry(),
        volume(),
        templateVariables(),
        configFiles(),
        certificates(),
        kind(),
        regions(),
        deploy(),
        UnappliedFields.notApplied(p, secrets),
        UnappliedFields.noEffect(p, secrets));
  }

  private List<LinkedSecret> linkedSecrets() {
    List<LinkedSecret> out = new ArrayList<>();
    for (JsonFields l : p.objects("vaultLinkedSecrets")) {
      out.add(
          new LinkedSecret(
              TemplateText.variable(l.string("secret"), l.field("secret")),
              TemplateText.shellValue(l.string("template"), l.field("template"))));
    }
    return out;
  }

  private Optional<PrivateRegistry> privateRegistry() {
    String name = p.string("privateRegistry");
    if (name.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new PrivateRegistry(
            TemplateText.id(name, "privateRegistry"),
            TemplateText.id(p.string("privateRegistryProvider"), "privateRegistryProvider")));
  }

  /** The first entry only, as the pack did; its {@code [n]} suffix is Nomad's to add. */
  private Optional<CsiVolume> volume() {
    List<JsonFields> entries = p.objects("csiVolume");
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    JsonFields v = entries.get(0);
    String id = v.string("id").strip().replaceFirst("\\[\\d+]$", "");
    id = TemplateText.id(id, v.field("id"));
    List<String> paths = new ArrayList<>();
    List<String> given = v.strings("mountPaths");
    for (int i = 0; i < given.size(); i++) {
      paths.add(
          "/" + TemplateText.relativePath(given.get(i), v.field("mountPaths") + "[" + i + "]"));
    }
    if (paths.isEmpty()) {
      throw new InvalidParameterException(v.field("mountPaths"), "must name at least one path");
    }
    return Optional.of(new CsiVolume(id, paths));
  }

  private List<TemplateVariable> templateVariables() {
    List<TemplateVariable> out = new ArrayList<>();
    for (JsonFields t : p.objects("templateStringVariables")) {
      needsProject(t.field("serviceSecretPath"));
      List<String> vars = new ArrayList<>();
      List<String> given = t.strings("linkedVars");
      for (int i = 0; i < given.size(); i++) {
        vars.add(TemplateText.variable(given.get(i), t.field("linkedVars") + "[" + i + "]"));
      }
      out.add(
          new TemplateVariable(
              TemplateText.variable(t.string("name"), t.field("name")),
              TemplateText.pattern(t.string("pattern"), Set.copyOf(vars), t.field("pattern")),
              TemplateText.id(t.string("serviceName"), t.field("serviceName")),
              TemplateText.secretPath(t.string("serviceSecretPath"), t.field("serviceSecretPath")),
              vars));
    }
    return out;
  }

  private List<ConfigFile> configFiles() {
    List<ConfigFile> out = new ArrayList<>();
    for (JsonFields c : p.objects("configFiles")) {
      out.add(
          new ConfigFile(
              TemplateText.relativePath(c.string("path"), c.field("path")),
              TemplateText.base64(c.text("content"), c.field("content"))));
    }
    return out;
  }

  /** {@code tls} is one object in the earlier implementation; a list of them is accepted too. */
  private List<TlsCertificate> certificates() {
    List<JsonFields> entries =
        p.isList("tls") ? p.objects("tls") : p.object("tls").map(List::of).orElse(List.of());
    List<TlsCertificate> out = new ArrayList<>();
    for (JsonFields t : entries) {
      needsProject(t.field("pka_path"));
      out.add(
          new TlsCertificate(
              TemplateText.relativePath(t.string("cert_path"), t.field("cert_path")),
              TemplateText.relativePath(t.string("key_path"), t.field("key_path")),
              TemplateText.commonName(t.string("common_name"), t.field("common_name")),
              TemplateText.secretPath(t.string("pka_path"), t.field("pka_path")),
              TemplateText.ttl(t.string("ttl"), t.field("ttl"))));
    }
    return out;
  }

  private JobKind kind() {
    Optional<JsonFields> config = p.object("jobConfig");
    if (config.isEmpty()) {
      return JobKind.service();
    }
    JsonFields j = config.get();
    String cron = printable(j.string("cron").strip(), j.field("cron"));
    List<String> required = metaKeys(j, "meta_required");
    List<String> optional = metaKeys(j, "meta_optional");
    String type = j.string("type").strip();
    boolean launched = !cron.isEmpty() || !required.isEmpty();
    if (type.isEmpty()) {
      type = launched ? "batch" : "service";
    }
    // The Go program forced prohibit_overlap on for every type but service and system.
    boolean prohibitOverlap =
        j.boolOrString("prohibit_overlap", false)
            || !(type.equals("service") || type.equals("system"));
    String payload = j.string("payload").strip();
    return new JobKind(
        type,
        cron.isEmpty()
            ? Optional.empty()
            : Optional.of(new JobKind.Periodic(cron, prohibitOverlap)),
        required.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new JobKind.Parameterized(
                    payload.isEmpty() ? "optional" : payload, required, optional)));
  }

  private static List<String> metaKeys(JsonFields j, String key) {
    List<String> out = new ArrayList<>();
    List<String> given = j.strings(key);
    for (int i = 0; i < given.size(); i++) {
      out.add(TemplateText.id(given.get(i), j.field(key) + "[" + i + "]"));
    }
    return out;
  }

  /** {@code regions}: comma-separated node classes. */
  private List<String> regions() {
    String text = p.string("regions");
    List<String> out = new ArrayList<>();
    for (String r : text.split(",")) {
      if (!r.isBlank()) {
        out.add(TemplateText.id(r.strip(), "regions"));
      }
    }
    return out;
  }

  private DeployMode deploy() {
    String d = p.string("deploy").strip();
    return switch (d) {
      case "", "nomad-pack", "nomadpack" -> DeployMode.NOMAD;
      case "noop" -> DeployMode.NOOP;
      default -> throw new InvalidParameterException("deploy", "must be nomad-pack or noop");
    };
  }

  private void needsProject(String field) {
    if (projectId.isEmpty()) {
      throw new InvalidParameterException(
          field, "needs projectId (the secret lives under the project's path and policy)");
    }
  }

  private static String printable(String value, String field) {
    if (value.length() > 256 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidParameterException(field, "must be one line of at most 256 characters");
    }
    return value;
  }
}
