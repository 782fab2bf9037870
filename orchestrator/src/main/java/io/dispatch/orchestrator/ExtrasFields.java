package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.PlatformExtras;
import io.dispatch.lifecycle.params.PlatformExtras.ConfigFile;
import io.dispatch.lifecycle.params.PlatformExtras.CsiVolume;
import io.dispatch.lifecycle.params.PlatformExtras.JobConfig;
import io.dispatch.lifecycle.params.PlatformExtras.LinkedSecret;
import io.dispatch.lifecycle.params.PlatformExtras.LinkedSecretPath;
import io.dispatch.lifecycle.params.PlatformExtras.PackRegistry;
import io.dispatch.lifecycle.params.PlatformExtras.TemplateVariable;
import io.dispatch.lifecycle.params.PlatformExtras.Tls;
import io.dispatch.lifecycle.params.PlatformExtras.Vault;
import java.util.Set;

/** Reads the earlier implementation's fields that this version checks but does not apply. */
final class ExtrasFields {

  private ExtrasFields() {}

  static PlatformExtras read(JsonFields p, Set<String> secrets) {
    PackRegistry registry =
        p.object("registry")
            .map(
                r -> {
                  String token = r.string("registryToken");
                  if (!token.isBlank() && !token.startsWith("var.")) {
                    secrets.add(token);
                  }
                  UrlSecrets.addTo(r.string("registrySource"), secrets);
                  return new PackRegistry(
                      r.string("pack"),
                      r.string("registryName"),
                      r.string("registryRef"),
                      r.string("registrySource"),
                      r.string("registryTarget"),
                      token,
                      r.bool("useEmbedded", false));
                })
            .orElse(null);
    String roleId = p.string("roleId");
    String secretId = p.string("secretId");
    for (String s : new String[] {roleId, secretId}) {
      if (!s.isBlank()) {
        secrets.add(s);
      }
    }
    UrlSecrets.addTo(p.string("vaultAddress"), secrets);
    Vault vault =
        new Vault(
            p.string("vaultAddress"),
            roleId,
            secretId,
            p.string("secretsPath"),
            p.string("sharedSecretPath"),
            p.optionalBool("usesKvEngine"),
            p.optionalBool("ownerUsesKvEngine"),
            p.objects("vaultLinkedSecretPaths").stream()
                .map(l -> new LinkedSecretPath(l.string("prefix"), l.string("secretPath")))
                .toList(),
            p.objects("vaultLinkedSecrets").stream()
                .map(l -> new LinkedSecret(l.string("secret"), l.text("template")))
                .toList());
    JobConfig jobConfig =
        p.object("jobConfig")
            .map(
                j ->
                    new JobConfig(
                        j.string("type"),
                        j.string("cron"),
                        j.boolOrString("prohibit_overlap", false),
                        j.string("payload"),
                        j.strings("meta_required")))
            .orElse(null);
    Tls tls =
        p.object("tls")
            .map(
                t ->
                    new Tls(
                        t.string("cert_path"),
                        t.string("key_path"),
                        t.string("common_name"),
                        t.string("pka_path"),
                        t.string("ttl")))
            .orElse(null);
    return new PlatformExtras(
        p.string("deploy"),
        registry,
        vault,
        p.string("privateRegistry"),
        p.string("privateRegistryProvider"),
        p.objects("csiVolume").stream()
            .map(c -> new CsiVolume(c.string("id"), c.strings("mountPaths")))
            .toList(),
        jobConfig,
        p.objects("templateStringVariables").stream()
            .map(
                t ->
                    new TemplateVariable(
                        t.string("name"),
                        t.string("pattern"),
                        t.string("serviceName"),
                        t.string("serviceSecretPath"),
                        t.strings("linkedVars")))
            .toList(),
        p.objects("configFiles").stream()
            .map(c -> new ConfigFile(c.string("path"), c.text("content")))
            .toList(),
        p.string("regions"),
        tls,
        p.string("cloudRegion"),
        p.string("cloudProvider"),
        p.string("clusterTcpDomain"),
        p.plainInt("deploymentCount"),
        p.anyObject("nomadPackConfig"));
  }
}
