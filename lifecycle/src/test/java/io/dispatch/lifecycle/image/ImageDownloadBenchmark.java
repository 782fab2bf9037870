package io.dispatch.lifecycle.image;

import io.dispatch.lifecycle.docker.DaemonImageInspector;
import io.dispatch.lifecycle.docker.DockerEngine;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RuntimeSettings;
import io.dispatch.lifecycle.registry.RegistryClient;
import io.dispatch.lifecycle.registry.RegistryOptions;
import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: run by {@code bench/image-download.sh}. Reads the config of each given image through
 * the registry API and through a daemon pull + inspect (after removing the local copy), and prints
 * time and bytes. Bytes come from the registry's access log (response sizes of the GETs for the
 * image's repository, by user agent), and for the registry path also from the client's own count.
 *
 * <p>Arguments: {@code DOCKER_HOST registry-access-log runs label=image...}
 */
public final class ImageDownloadBenchmark {

  private static final Pattern ACCESS =
      Pattern.compile("\"GET (/v2/\\S+) HTTP/[\\d.]+\" (\\d{3}) (\\d+|-) \"[^\"]*\" \"([^\"]*)\"");

  private ImageDownloadBenchmark() {}

  private record Row(
      String label, String path, long firstMs, long medianMs, long clientBytes, long logBytes) {}

  public static void main(String[] args) throws Exception {
    String dockerHost = args[0];
    Path accessLog = Path.of(args[1]);
    int runs = Integer.parseInt(args[2]);
    RuntimeSettings settings =
        new RuntimeSettings(Duration.ofMinutes(30), dockerHost, null, Set.of(), Path.of("."), "");
    List<Row> rows = new ArrayList<>();
    try (DockerEngine engine = DockerEngine.connect(dockerHost);
        RegistryClient registry = RegistryClient.create(RegistryOptions.defaults(settings))) {
      DaemonImageInspector daemon = new DaemonImageInspector(engine);
      for (int i = 3; i < args.length; i++) {
        String label = args[i].substring(0, args[i].indexOf('='));
        ImageReference image = ImageReference.parse(args[i].substring(label.length() + 1));
        rows.add(
            measure(
                label,
                "registry API",
                image,
                accessLog,
                runs,
                "dispatch-orchestrator",
                () -> registry.inspect(image, Optional.empty(), control())));
        rows.add(
            measure(
                label,
                "pull + inspect",
                image,
                accessLog,
                runs,
                "containers/",
                () -> {
                  engine.remove(image.toString());
                  return daemon.inspect(image, Optional.empty(), control());
                }));
      }
    }
    print(rows, runs);
  }

  private static RunControl control() {
    return RunControl.start(Clock.systemUTC(), Duration.ofMinutes(10));
  }

  private interface Read {
    ImageConfig run() throws Exception;
  }

  private static Row measure(
      String label, String path, ImageReference image, Path log, int runs, String agent, Read read)
      throws Exception {
    List<Long> times = new ArrayList<>();
    long clientBytes = 0;
    long logBytes = 0;
    for (int run = 0; run < runs; run++) {
      long offset = log.toFile().length();
      long started = System.nanoTime();
      ImageConfig config = read.run();
      times.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
      Thread.sleep(200); // let the registry flush its access log line
      clientBytes = config.bytesFetched();
      logBytes = logBytes(log, offset, image.repository(), agent);
    }
    List<Long> rest = new ArrayList<>(times.subList(runs > 1 ? 1 : 0, times.size()));
    rest.sort(Long::compare);
    return new Row(label, path, times.get(0), rest.get(rest.size() / 2), clientBytes, logBytes);
  }

  /**
   * Bytes the registry sent for GETs of {@code repository} by {@code agent} since {@code offset}.
   */
  private static long logBytes(Path log, long offset, String repository, String agent)
      throws IOException {
    long sum = 0;
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      file.seek(offset);
      byte[] rest = new byte[(int) (file.length() - offset)];
      file.readFully(rest);
      for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
        Matcher m = ACCESS.matcher(line);
        if (m.find()
            && m.group(1).startsWith("/v2/" + repository + "/")
            && m.group(4).startsWith(agent)
            && !m.group(3).equals("-")) {
          sum += Long.parseLong(m.group(3));
        }
      }
    }
    return sum;
  }

  private static void print(List<Row> rows, int runs) {
    String format = "| %-6s | %-15s | %12s | %12s | %16s | %18s |%n";
    System.out.printf(
        format,
        "image",
        "path",
        "first (ms)",
        "median (ms)",
        "bytes (client)",
        "bytes (registry log)");
    System.out.printf(
        format,
        "------",
        "---------------",
        "------------",
        "------------",
        "----------------",
        "------------------");
    for (Row r : rows) {
      System.out.printf(
          format,
          r.label(),
          r.path(),
          r.firstMs(),
          r.medianMs(),
          r.clientBytes() < 0 ? "n/a" : String.format("%,d", r.clientBytes()),
          String.format("%,d", r.logBytes()));
    }
    System.out.printf("median over runs 2..%d; first = first run in a fresh JVM%n", runs);
  }
}
