package io.dispatch.lifecycle.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A parsed manifest document: an index of per-platform manifests, or one image's manifest. */
sealed interface Manifest {

  String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

  /** The {@code Accept} header for manifest requests: every type this client can read. */
  String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  /** The media type the document was read as. */
  String mediaType();

  /**
   * An OCI image index or Docker manifest list.
   *
   * @param manifests its entries, in document order
   */
  record Index(String mediaType, List<Descriptor> manifests) implements Manifest {

    public Index {
      Objects.requireNonNull(mediaType, "mediaType");
      manifests = List.copyOf(manifests);
    }

    /**
     * The entry for {@code wanted}, skipping attestations. When no entry names a matching platform,
     * the only entry that names no platform at all is taken.
     */
    public Optional<Descriptor> select(Platform wanted) {
      List<Descriptor> images = manifests.stream().filter(d -> !d.isAttestation()).toList();
      Optional<Descriptor> exact =
          images.stream().filter(d -> d.platform().map(wanted::accepts).orElse(false)).findFirst();
      if (exact.isPresent()) {
        return exact;
      }
      List<Descriptor> unnamed = images.stream().filter(d -> d.platform().isEmpty()).toList();
      return unnamed.size() == 1 ? Optional.of(unnamed.get(0)) : Optional.empty();
    }

    /** The platforms the index offers, for error messages. */
    public List<String> platforms() {
      return manifests.stream()
          .filter(d -> !d.isAttestation())
          .map(d -> d.platform().map(Platform::toString).orElse("unspecified"))
          .toList();
    }
  }

  /**
   * An OCI image manifest or Docker image manifest (schema 2).
   *
   * @param config the config blob
   */
  record Image(String mediaType, Descriptor config) implements Manifest {

    public Image {
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(config, "config");
    }
  }
}
