package io.dispatch.lifecycle.registry;

import io.dispatch.lifecycle.registry.RegistryException.Reason;
import java.util.Map;

/**
 * {@code GET /v2/<name>/blobs/<digest>} for small blobs (the image config), verified against the
 * digest. Registries often redirect blob requests to storage; the transport follows without
 * credentials.
 */
final class BlobPuller {

  private final RegistryCaller caller;
  private final RegistryEndpoints endpoints;
  private final RegistryOptions options;

  BlobPuller(RegistryCaller caller, RegistryEndpoints endpoints, RegistryOptions options) {
    this.caller = caller;
    this.endpoints = endpoints;
    this.options = options;
  }

  byte[] pull(RegistryCall call, Descriptor blob, String subject) {
    if (blob.size() > options.maxResponseBytes()) {
      throw new RegistryException(
          Reason.UNSUPPORTED,
          "cannot read image "
              + call.image()
              + " through the registry API: "
              + subject
              + " is "
              + blob.size()
              + " bytes, more than "
              + options.maxResponseBytes());
    }
    RegistryResponse response =
        caller.call(
            call,
            new RegistryCaller.Request(
                endpoints.blob(call.image(), blob.digest()),
                Map.of("Accept", "*/*"),
                RegistryEndpoints.pullScope(call.image()),
                subject));
    byte[] body = response.body();
    if (!Digests.matches(blob.digest(), body)) {
      throw new RegistryException(
          Reason.CORRUPT,
          "registry "
              + call.image().registry()
              + " sent "
              + subject
              + " that does not match its digest "
              + blob.digest());
    }
    return body;
  }
}
