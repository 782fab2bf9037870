package io.dispatch.lifecycle.source;

import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.run.RunControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jgit.util.FS;

/**
 * Times {@link GitCloner} on one repository, for {@code bench/clone.sh}; not a test.
 *
 * <pre>CloneBench URL BRANCH RUNS [--fs-foreground]</pre>
 *
 * Prints the first clone of this JVM and the median and minimum of the following ones, in ms. With
 * {@code --fs-foreground}, JGit's file-system timestamp measurement is made to block as JGit does
 * by default, to show what {@link GitCloner} saves on a machine without a cached measurement.
 */
public final class CloneBench {

  private CloneBench() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String branch = args[1];
    int runs = Integer.parseInt(args[2]);
    GitCloner cloner = new GitCloner();
    Path scratch = Files.createTempDirectory("clone-bench-");
    String measured = "";
    if (args.length > 3 && args[3].equals("--jgit-measure")) {
      long start = System.nanoTime();
      FS.FileStoreAttributes.get(scratch);
      measured = "jgit-measure=" + (System.nanoTime() - start) / 1_000_000 + " ms ";
    }
    List<Long> times = new ArrayList<>();
    long first = 0;
    for (int i = 0; i <= runs; i++) {
      Path target = scratch.resolve("run-" + i);
      long start = System.nanoTime();
      try (RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofMinutes(5))) {
        cloner.clone(new GitSource(url, branch, "github", ""), target, control);
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (i == 0) {
        first = ms;
      } else {
        times.add(ms);
      }
      WorkDirectory.deleteTree(target);
    }
    WorkDirectory.deleteTree(scratch);
    Collections.sort(times);
    String rest =
        times.isEmpty()
            ? ""
            : String.format(
                " then median=%d ms min=%d ms (%d runs)",
                times.get(times.size() / 2), times.get(0), times.size());
    System.out.println(measured + "first=" + first + " ms" + rest);
  }
}
