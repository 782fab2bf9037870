package io.dispatch.lifecycle.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.registry.RegistryException.Reason;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.portdetector.ImageMetadata;
import java.io.Closeable;
import java.util.Optional;

/**
 * Reads an image's config through the Registry HTTP API v2 without a daemon: the manifest by tag or
 * digest, the platform's manifest if that was an index, then the config blob. Two or three small
 * documents, whatever the size of the image's layers, which are never touched.
 */
public final class RegistryClient implements ImageInspector, Closeable {

  public static final String SOURCE = "registry";

  private final RegistryOptions options;
  private final RegistryTransport transport;
  private final ManifestPuller manifests;
  private final BlobPuller blobs;
  private final ManifestParser manifestParser;
  private final ImageConfigBlob configParser;

  private RegistryClient(RegistryOptions options) {
    ObjectMapper json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    this.options = options;
    this.transport = new RegistryTransport(options);
    RegistryCaller caller =
        new RegistryCaller(transport, new RegistryAuth(options, json), options, json);
    RegistryEndpoints endpoints = new RegistryEndpoints(options);
    this.manifests = new ManifestPuller(caller, endpoints);
    this.blobs = new BlobPuller(caller, endpoints, options);
    this.manifestParser = new ManifestParser(json);
    this.configParser = new ImageConfigBlob(json);
  }

  public static RegistryClient create(RegistryOptions options) {
    return new RegistryClient(options);
  }

  /**
   * Reads the config of {@code image}.
   *
   * @param credentials used when they are for the image's registry or name no registry
   * @throws RegistryException naming the image; {@link RegistryException#daemonMayHelp()} tells a
   *     definite answer (not found, denied) from a registry that could not be read this way
   */
  @Override
  public ImageConfig inspect(
      ImageReference image, Optional<RegistryCredentials> credentials, RunControl control) {
    RegistryCall call = new RegistryCall(image, credentials, control, options.callTimeout());
    ManifestPuller.Fetched top = manifests.pull(call, image.reference(), "image " + image);
    Manifest.Image manifest = imageManifest(call, parse(call, top));
    byte[] config = blobs.pull(call, manifest.config(), "the config blob of image " + image);
    ImageMetadata metadata;
    try {
      metadata = configParser.parse(config);
    } catch (ManifestParser.UnreadableException e) {
      throw unreadable(call, e);
    }
    return new ImageConfig(image, top.digest(), metadata, SOURCE, call.bytesRead());
  }

  /** The image manifest itself, or the wanted platform's entry of an index. */
  private Manifest.Image imageManifest(RegistryCall call, Manifest manifest) {
    if (manifest instanceof Manifest.Image image) {
      return image;
    }
    Manifest.Index index = (Manifest.Index) manifest;
    Descriptor entry =
        index
            .select(options.platform())
            .orElseThrow(
                () ->
                    new RegistryException(
                        Reason.NO_MATCHING_PLATFORM,
                        "image "
                            + call.image()
                            + " has no "
                            + options.platform()
                            + " variant (it has "
                            + String.join(", ", index.platforms())
                            + ")"));
    ManifestPuller.Fetched child =
        manifests.pull(
            call,
            entry.digest(),
            "the " + options.platform() + " manifest of image " + call.image());
    if (parse(call, child) instanceof Manifest.Image image) {
      return image;
    }
    throw new RegistryException(
        Reason.UNSUPPORTED,
        "cannot read image " + call.image() + " through the registry API: nested image indexes");
  }

  private Manifest parse(RegistryCall call, ManifestPuller.Fetched fetched) {
    try {
      return manifestParser.parse(fetched.body(), fetched.contentType());
    } catch (ManifestParser.UnreadableException e) {
      throw unreadable(call, e);
    }
  }

  private static RegistryException unreadable(
      RegistryCall call, ManifestParser.UnreadableException e) {
    return new RegistryException(
        Reason.UNSUPPORTED,
        "cannot read image " + call.image() + " through the registry API: " + e.getMessage(),
        e);
  }

  @Override
  public void close() {
    transport.close();
  }
}
