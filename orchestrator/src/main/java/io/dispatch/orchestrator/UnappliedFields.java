package io.dispatch.orchestrator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The earlier implementation's fields that this version reads but does not apply, named so that a
 * run says so instead of ignoring them: those the earlier implementation applied (a warning), and
 * those it ignored too (an info line). Secrets among them are still added to the run's secrets.
 */
final class UnappliedFields {

  private UnappliedFields() {}

  /** Fields the earlier implementation applied and this version does not. */
  static List<String> notApplied(JsonFields p, Set<String> secrets) {
    List<String> names = new ArrayList<>();
    String roleId = p.string("roleId");
    String secretId = p.string("secretId");
    for (String s : List.of(roleId, secretId)) {
      if (!s.isBlank()) {
        secrets.add(s);
      }
    }
    UrlSecrets.addTo(p.string("vaultAddress"), secrets);
    if (!(p.string("vaultAddress").isBlank()
        && roleId.isBlank()
        && secretId.isBlank()
        && p.string("secretsPath").isBlank())) {
      names.add("vaultAddress/roleId/secretId/secretsPath (build-time Vault secrets)");
    }
    if (p.objects("csiVolume").size() > 1) {
      names.add("csiVolume[1..] (only the first volume is mounted, as before)");
    }
    return names;
  }

  /** Fields that had no effect in the earlier implementation either. */
  static List<String> noEffect(JsonFields p, Set<String> secrets) {
    Set<String> names = new LinkedHashSet<>();
    p.object("registry")
        .ifPresent(
            r -> {
              String token = r.string("registryToken");
              if (!token.isBlank() && !token.startsWith("var.")) {
                secrets.add(token);
              }
              UrlSecrets.addTo(r.string("registrySource"), secrets);
              names.add("registry");
            });
    p.object("build")
        .ifPresent(
            b -> {
              for (String key : List.of("buildCommand", "registryNamespace", "privateRegistry")) {
                if (b.has(key)) {
                  names.add("build." + key);
                }
              }
              b.optionalBool("privateRegistry");
            });
    for (String key :
        Arrays.asList(
            "nomadPackConfig",
            "usesKvEngine",
            "ownerUsesKvEngine",
            "vaultLinkedSecretPaths",
            "cloudRegion",
            "cloudProvider",
            "clusterTcpDomain",
            "deploymentCount")) {
      if (p.has(key)) {
        names.add(key);
      }
    }
    checkTypes(p);
    return List.copyOf(names);
  }

  /** Fields without effect are still read, so that a wrong type is bad input as everywhere. */
  private static void checkTypes(JsonFields p) {
    p.anyObject("nomadPackConfig");
    p.plainInt("deploymentCount");
    p.optionalBool("usesKvEngine");
    p.optionalBool("ownerUsesKvEngine");
    for (JsonFields l : p.objects("vaultLinkedSecretPaths")) {
      l.string("prefix");
      l.string("secretPath");
    }
    for (String key : List.of("cloudRegion", "cloudProvider", "clusterTcpDomain")) {
      p.string(key);
    }
  }
}
