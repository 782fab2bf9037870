package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.params.Source;
import java.nio.file.Path;

/** Gets a repository's source onto disk. */
public interface SourceFetcher {

  /**
   * Clones or downloads {@code source} into {@code directory}.
   *
   * @return one line describing what was fetched, e.g. {@code main at 3f2a9c1}
   * @throws io.dispatch.lifecycle.run.StepFailedException saying what failed, without secrets
   */
  String fetch(Source source, Path directory);
}
