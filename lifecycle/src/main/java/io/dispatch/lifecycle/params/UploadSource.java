package io.dispatch.lifecycle.params;

import java.net.URI;

/**
 * A {@code .tar.gz} of the source, uploaded by the user.
 *
 * @param url where to download it (a {@link Urls#download}); may be pre-signed, so only its host
 *     and path are ever printed
 * @param uploadId the platform's id of the upload, for the log
 */
public record UploadSource(URI url, String uploadId) implements Source {

  public UploadSource {
    if (url == null) {
      throw new InvalidParameterException("sourceUrl", "is required");
    }
    Urls.download(url.toString(), "sourceUrl");
    uploadId = Checks.orEmpty(uploadId);
  }

  /** Scheme, host and path, without the query that may carry a signature. */
  public String display() {
    return url.getScheme() + "://" + url.getAuthority() + url.getPath();
  }

  @Override
  public String toString() {
    return "UploadSource[" + display() + "]";
  }
}
