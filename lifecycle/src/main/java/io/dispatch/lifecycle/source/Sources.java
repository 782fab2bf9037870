package io.dispatch.lifecycle.source;

import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.params.Source;
import io.dispatch.lifecycle.params.UploadSource;
import io.dispatch.lifecycle.ports.SourceFetcher;
import io.dispatch.lifecycle.run.RunControl;
import java.nio.file.Path;

/** The lifecycle's {@link SourceFetcher}: a shallow git clone, or a safely unpacked upload. */
public final class Sources implements SourceFetcher {

  private final GitCloner git = new GitCloner();
  private final TarballFetcher uploads = new TarballFetcher(TarballLimits.defaults());
  private final RunControl control;

  public Sources(RunControl control) {
    this.control = control;
  }

  @Override
  public String fetch(Source source, Path directory) {
    if (source instanceof GitSource g) {
      CloneResult r = git.clone(g, directory, control);
      return "branch "
          + r.branch()
          + " at "
          + r.commit().substring(0, Math.min(12, r.commit().length()));
    }
    UploadResult r = uploads.fetch((UploadSource) source, directory, control);
    return String.format(
        java.util.Locale.ROOT,
        "%.1f MB downloaded, %d entries unpacked",
        r.downloadedBytes() / 1e6,
        r.entries());
  }
}
