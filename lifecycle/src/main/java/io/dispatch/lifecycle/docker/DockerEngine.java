package io.dispatch.lifecycle.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.portdetector.ImageMetadata;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Docker-compatible daemon (Docker or Podman) as this program uses it: pull, inspect, build,
 * tag, push, remove. docker-java's types stay inside this package. Streamed operations (build,
 * push, pull) use our own callbacks that fail on any error item, and are bounded by the run; the
 * short requests have a response timeout.
 */
public final class DockerEngine implements Closeable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final String dockerHost;
  private final DockerClient streams;
  private final DockerClient requests;

  private DockerEngine(String dockerHost, DockerClient streams, DockerClient requests) {
    this.dockerHost = dockerHost;
    this.streams = streams;
    this.requests = requests;
  }

  private volatile Boolean podman;

  /** Connects to {@link RuntimeSettings#dockerHost()}. */
  public static DockerEngine connect(RuntimeSettings settings) {
    return connect(settings.dockerHost());
  }

  /**
   * Connects to {@code dockerHost} ({@code unix:///path} or {@code tcp://host:port}). Two clients
   * share the configuration: one without a response timeout for streams, which may be silent for a
   * long time while a build step runs, and one with a timeout for short requests.
   */
  public static DockerEngine connect(String dockerHost) {
    if (dockerHost == null || !dockerHost.matches("(unix|tcp)://.+")) {
      throw new IllegalArgumentException("DOCKER_HOST must be unix://<path> or tcp://<host:port>");
    }
    DefaultDockerClientConfig config =
        new DefaultDockerClientConfig.Builder()
            .withDockerHost(dockerHost)
            .withDockerTlsVerify(false)
            .build();
    ApacheDockerHttpClient.Builder http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(16)
            .connectionTimeout(CONNECT_TIMEOUT);
    DockerClient streams = DockerClientImpl.getInstance(config, http.build());
    DockerClient requests =
        DockerClientImpl.getInstance(config, http.responseTimeout(REQUEST_TIMEOUT).build());
    return new DockerEngine(dockerHost, streams, requests);
  }

  /** Whether the engine is Podman's Docker-compatible API; asked once, when first needed. */
  boolean isPodman() {
    Boolean known = podman;
    if (known == null) {
      try {
        known =
            requests.versionCmd().exec().getComponents().stream()
                .anyMatch(
                    c ->
                        c.getName() != null
                            && c.getName().toLowerCase(java.util.Locale.ROOT).contains("podman"));
      } catch (RuntimeException e) {
        known = false;
      }
      podman = known;
    }
    return known;
  }

  /**
   * Pulls {@code image} into the daemon's storage.
   *
   * @return the bytes the daemon reported downloading, or -1 when it does not report sizes
   */
  public long pull(
      ImageReference image, Optional<RegistryCredentials> credentials, RunControl control) {
    Map<String, Long> layerSizes = new ConcurrentHashMap<>();
    StreamCallback<PullResponseItem> callback =
        new StreamCallback<>(item -> StreamItems.recordSize(item, layerSizes));
    var cmd =
        image.pinnedDigest().isPresent()
            ? streams.pullImageCmd(image.name() + "@" + image.digest())
            : streams.pullImageCmd(image.name()).withTag(image.tag());
    StreamItems.authConfig(image, credentials).ifPresent(cmd::withAuthConfig);
    cmd.exec(callback);
    callback.await(control, "pull of image " + image, dockerHost);
    return layerSizes.isEmpty()
        ? -1
        : layerSizes.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Inspects an image in the daemon's storage by id or reference.
   *
   * @throws DockerEngineException when the daemon does not have it or cannot be reached
   */
  public LocalImage inspect(String ref) {
    InspectImageResponse response;
    try {
      response = requests.inspectImageCmd(ref).exec();
    } catch (RuntimeException e) {
      if (DockerErrors.isNotFound(e)) {
        throw new DockerEngineException("image " + ref + " is not in the Docker daemon's storage");
      }
      throw new DockerEngineException(
          "inspecting image " + ref + " failed: " + DockerErrors.reason(e, dockerHost), e);
    }
    ContainerConfig c = response.getConfig();
    ImageMetadata metadata =
        c == null
            ? ImageMetadata.empty()
            : new ImageMetadata(
                c.getExposedPorts() == null
                    ? List.of()
                    : Arrays.stream(c.getExposedPorts()).map(Object::toString).toList(),
                list(c.getEnv()),
                c.getUser(),
                list(c.getCmd()),
                list(c.getEntrypoint()));
    return new LocalImage(response.getId(), response.getRepoDigests(), metadata);
  }

  /**
   * Builds an image with the classic builder, streaming {@code contextDir} as a tar. A unique
   * internal tag finds the image afterwards, whatever else runs on the daemon. When the build fails
   * or the run stops it, what the build committed is removed again ({@link BuildLeftovers}).
   *
   * @param dockerfile the Dockerfile's path inside {@code contextDir}; blank means {@code
   *     Dockerfile}
   * @param tags names to give the image
   * @param logLine receives each line of build output
   * @return the image id ({@code sha256:…})
   * @throws DockerEngineException with the daemon's reason when the build fails
   */
  public String build(
      Path contextDir,
      String dockerfile,
      Set<String> tags,
      Map<String, String> buildArgs,
      Consumer<String> logLine,
      RunControl control) {
    Path root = contextDir.toAbsolutePath().normalize();
    String dockerfilePath;
    try {
      dockerfilePath = BuildContext.checkDockerfile(root, dockerfile);
    } catch (IllegalArgumentException e) {
      throw new DockerEngineException("image build failed: " + e.getMessage());
    }
    String buildId = UUID.randomUUID().toString();
    String buildTag = "localhost/dispatch-build/" + buildId + ":build";
    Set<String> allTags = new LinkedHashSet<>(tags);
    allTags.add(buildTag);
    // Podman 4 reuses cached layers across different build-arg values (an EXPOSE $PORT keeps the
    // first value it saw), so a build with arguments skips its cache there. Docker keys its cache
    // on the arguments and keeps it.
    boolean noCache = !buildArgs.isEmpty() && isPodman();
    try {
      ImageBuild.run(
          streams,
          dockerHost,
          buildId,
          root,
          dockerfilePath,
          allTags,
          buildArgs,
          noCache,
          logLine,
          control);
    } catch (RuntimeException e) {
      BuildLeftovers.discard(requests, buildId);
      throw e;
    }
    String id = inspect(buildTag).id();
    if (!tags.isEmpty()) {
      remove(buildTag);
    }
    return id;
  }

  /** Gives the image {@code source} (id or reference) the name {@code target}. */
  public void tag(String source, ImageReference target) {
    if (target.tag().isEmpty()) {
      throw new IllegalArgumentException("a tag target needs a tag: " + target);
    }
    try {
      requests.tagImageCmd(source, target.name(), target.tag()).exec();
    } catch (RuntimeException e) {
      throw new DockerEngineException(
          "tagging " + source + " as " + target + " failed: " + DockerErrors.reason(e, dockerHost),
          e);
    }
  }

  /**
   * Pushes {@code target} (a tag in the daemon's storage) to its registry.
   *
   * @param progress receives the daemon's status lines
   * @return the manifest digest the registry stored
   * @throws DockerEngineException when any item of the push reports an error, or no digest came
   */
  public String push(
      ImageReference target,
      Optional<RegistryCredentials> credentials,
      Consumer<String> progress,
      RunControl control) {
    if (target.tag().isEmpty() || target.pinnedDigest().isPresent()) {
      throw new IllegalArgumentException("a push target needs a tag and no digest: " + target);
    }
    AtomicReference<String> digest = new AtomicReference<>();
    StreamCallback<PushResponseItem> callback =
        new StreamCallback<>(
            item -> {
              StreamItems.pushedDigest(item).ifPresent(digest::set);
              StreamItems.describe(item).ifPresent(progress);
            });
    streams
        .pushImageCmd(target.name())
        .withTag(target.tag())
        .withAuthConfig(StreamItems.authConfig(target, credentials).orElseGet(AuthConfig::new))
        .exec(callback);
    String what = "push of image " + target;
    callback.await(control, what, dockerHost);
    if (digest.get() == null) {
      throw new DockerEngineException(what + " finished without reporting the image digest");
    }
    return digest.get();
  }

  /**
   * Removes a name (or the image, given its id) from the daemon's storage.
   *
   * @return false when there was nothing by that name
   */
  public boolean remove(String ref) {
    try {
      requests.removeImageCmd(ref).withNoPrune(false).exec();
      return true;
    } catch (RuntimeException e) {
      if (DockerErrors.isNotFound(e)) {
        return false;
      }
      throw new DockerEngineException(
          "removing image " + ref + " failed: " + DockerErrors.reason(e, dockerHost), e);
    }
  }

  private static List<String> list(String[] values) {
    return values == null ? List.of() : Stream.of(values).toList();
  }

  @Override
  public void close() throws IOException {
    try {
      streams.close();
    } finally {
      requests.close();
    }
  }
}
