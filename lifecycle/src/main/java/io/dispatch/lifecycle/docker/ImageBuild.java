package io.dispatch.lifecycle.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One classic-builder build: the context streamed as a tar, every output line logged, the first
 * error item failing it. Intermediate containers are removed whether the build succeeds or not, and
 * every image it commits carries its build id ({@link BuildLeftovers#LABEL}).
 */
final class ImageBuild {

  private ImageBuild() {}

  static void run(
      DockerClient streams,
      String dockerHost,
      String buildId,
      Path root,
      String dockerfilePath,
      Set<String> tags,
      Map<String, String> buildArgs,
      boolean noCache,
      Consumer<String> logLine,
      RunControl control) {
    OutputLines lines = new OutputLines(logLine);
    try (BuildContext context = BuildContext.start(root, dockerfilePath)) {
      StreamCallback<BuildResponseItem> callback =
          new StreamCallback<>(item -> StreamItems.logLines(item, lines));
      BuildImageCmd cmd =
          streams
              .buildImageCmd()
              .withTarInputStream(context.stream())
              .withDockerfilePath(dockerfilePath)
              .withTags(tags)
              .withLabels(BuildLeftovers.label(buildId))
              .withRemove(true)
              .withForcerm(true);
      buildArgs.forEach(cmd::withBuildArg);
      if (noCache) {
        cmd.withNoCache(true);
      }
      cmd.exec(callback);
      try {
        callback.await(control, "image build", dockerHost);
      } catch (DockerEngineException e) {
        IOException unreadable = context.failure();
        if (unreadable != null) {
          throw new DockerEngineException(
              "image build failed: cannot read the build context: " + unreadable.getMessage(), e);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new DockerEngineException(
          "image build failed: cannot read the build context: " + e.getMessage(), e);
    } finally {
      lines.finish();
    }
  }
}
