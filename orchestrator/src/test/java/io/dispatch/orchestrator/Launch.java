package io.dispatch.orchestrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of launching the orchestrator's jar, for the benchmarks: a JVM and its flags, written as
 * one string of words. Besides JVM flags, the words may be:
 *
 * <pre>
 * @JDK25  run on Java 25 ($JAVA25_HOME, else the JDK 25 in /usr/lib/jvm) instead of `java`
 * @LIST   a class-data archive dumped from the class list of a training run with the same JVM, as
 *         deploy/Dockerfile does (with -XX:+AOTClassLinking on Java 25)
 * @CDS    a dynamic AppCDS archive written when a training run exits
 * @AOT    a Java 25 AOT cache written by a training run (-XX:AOTCacheOutput)
 * @TASK   the image's heap flag, sized as in the 512 MB task of deploy/dispatch-orchestrator.nomad.hcl
 *         (-XX:MaxRAM=512m stands in for the container's memory limit)
 * @JAR=…  another build of the jar (e.g. the one before a change), instead of the benchmark's
 * </pre>
 *
 * A training run is one real deploy-image, made by the benchmark ({@link Trainer}).
 *
 * @param java the {@code java} executable
 * @param flags the JVM flags, archives made
 * @param jar the orchestrator's jar
 */
record Launch(String java, List<String> flags, Path jar) {

  /** Runs one deploy-image with {@code launch}, for an archive to be written. */
  @FunctionalInterface
  interface Trainer {
    void train(Launch launch) throws Exception;
  }

  static final String JAVA25 =
      System.getenv()
          .getOrDefault("JAVA25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
          .concat("/bin/java");

  /** The launch {@code spec} describes, making its archive in {@code dir} unless already there. */
  static Launch of(String spec, Path defaultJar, Path dir, Trainer trainer) throws Exception {
    List<String> words = List.of(spec.strip().split("\\s+"));
    String java = words.contains("@JDK25") ? JAVA25 : "java";
    Path jar =
        words.stream()
            .filter(w -> w.startsWith("@JAR="))
            .map(w -> Path.of(w.substring(5)))
            .findFirst()
            .orElse(defaultJar);
    String tag =
        (words.contains("@JDK25") ? "25" : "17") + "-" + Integer.toHexString(jar.hashCode());
    List<String> flags = new ArrayList<>();
    for (String word : words) {
      switch (word) {
        case "", "@JDK25" -> {}
        case "@TASK" -> flags.addAll(List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=20"));
        case "@CDS" -> {
          Path archive = dir.resolve("dynamic-" + tag + ".jsa");
          if (!Files.exists(archive)) {
            trainer.train(new Launch(java, List.of("-XX:ArchiveClassesAtExit=" + archive), jar));
          }
          flags.add("-XX:SharedArchiveFile=" + archive);
        }
        case "@AOT" -> {
          Path cache = dir.resolve("app-" + tag + ".aot");
          if (!Files.exists(cache)) {
            trainer.train(new Launch(java, List.of("-XX:AOTCacheOutput=" + cache), jar));
          }
          flags.add("-XX:AOTCache=" + cache);
        }
        case "@LIST" -> {
          Path archive = dir.resolve("static-" + tag + ".jsa");
          if (!Files.exists(archive)) {
            Path list = dir.resolve("classes-" + tag + ".classlist");
            trainer.train(
                new Launch(java, List.of("-Xshare:off", "-XX:DumpLoadedClassList=" + list), jar));
            dump(java, tag.equals("25"), list, archive, jar);
          }
          flags.add("-XX:SharedArchiveFile=" + archive);
        }
        default -> {
          if (!word.startsWith("@JAR=")) {
            flags.add(word);
          }
        }
      }
    }
    return new Launch(java, List.copyOf(flags), jar);
  }

  private static void dump(String java, boolean linked, Path list, Path archive, Path jar)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java, "-Xshare:dump"));
    if (linked) {
      command.add("-XX:+AOTClassLinking");
    }
    command.addAll(
        List.of(
            "-XX:SharedClassListFile=" + list,
            "-XX:SharedArchiveFile=" + archive,
            "-cp",
            jar.toString()));
    Path log = archive.resolveSibling(archive.getFileName() + ".log");
    int code =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start()
            .waitFor();
    if (code != 0 || !Files.exists(archive)) {
      throw new IllegalStateException("archive dump failed: " + Files.readString(log));
    }
  }
}
