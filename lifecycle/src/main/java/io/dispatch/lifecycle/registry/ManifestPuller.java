package io.dispatch.lifecycle.registry;

import io.dispatch.lifecycle.registry.RegistryException.Reason;
import java.util.Map;

/**
 * {@code GET /v2/<name>/manifests/<reference>} with every manifest type in {@code Accept}. The raw
 * bytes are checked against the digest asked for, or against {@code Docker-Content-Digest} when
 * asking by tag.
 */
final class ManifestPuller {

  /**
   * A manifest as the registry sent it.
   *
   * @param digest the digest of {@code body}
   */
  record Fetched(byte[] body, String contentType, String digest) {}

  private final RegistryCaller caller;
  private final RegistryEndpoints endpoints;

  ManifestPuller(RegistryCaller caller, RegistryEndpoints endpoints) {
    this.caller = caller;
    this.endpoints = endpoints;
  }

  Fetched pull(RegistryCall call, String reference, String subject) {
    RegistryResponse response =
        caller.call(
            call,
            new RegistryCaller.Request(
                endpoints.manifest(call.image(), reference),
                Map.of("Accept", Manifest.ACCEPT),
                RegistryEndpoints.pullScope(call.image()),
                subject));
    byte[] body = response.body();
    String announced = response.header("docker-content-digest").orElse("").strip();
    String expected = Digests.isDigest(reference) ? reference : announced;
    if (Digests.isDigest(expected) && !Digests.matches(expected, body)) {
      throw new RegistryException(
          Reason.CORRUPT,
          "registry "
              + call.image().registry()
              + " sent a manifest for "
              + subject
              + " that does not match its digest "
              + expected);
    }
    String digest = Digests.isDigest(expected) ? expected : Digests.sha256(body);
    return new Fetched(body, response.header("content-type").orElse(""), digest);
  }
}
