package io.dispatch.lifecycle.source;

import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.run.RunAbortedException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.EmptyProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clones one branch of a git repository with JGit: shallow (depth 1), that branch only, no tags, no
 * submodules. The token, if any, is offered as HTTP basic credentials with the provider's user
 * name; it never appears in a message.
 *
 * <p>The clone runs on its own thread so that it stops when the run does: when the run is cancelled
 * or its deadline passes, the clone's progress monitor reports cancellation, its thread is
 * interrupted, and {@link #clone} returns at once with the run's {@link RunAbortedException}, even
 * if JGit is blocked on a socket (it then ends at its own I/O timeout, in the background).
 *
 * <p>The repository's host is resolved first and refused when it is link-local or a cloud metadata
 * service ({@link LinkLocalGuard}).
 *
 * <p>JGit's first-use measurement of the file system (about 3 s on every fresh machine) is avoided
 * by giving it conservative attributes up front: see {@link JGitFileStores}.
 */
public final class GitCloner {

  private static final Logger LOG = LoggerFactory.getLogger(GitCloner.class);

  /** How long a stopped clone gets to wind down before {@link #clone} returns anyway. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  /**
   * Clones {@code source} into {@code directory}, which must be empty or absent.
   *
   * @return the commit checked out, the branch and the time taken
   * @throws StepFailedException naming the repository (without credentials) and the branch, and
   *     saying why: repository not found, authentication refused, access denied, branch not found,
   *     network failure, timed out
   * @throws RunAbortedException when the run was cancelled or its deadline passed
   */
  public CloneResult clone(GitSource source, Path directory, RunControl control) {
    control.checkpoint();
    if (isSsh(source.cloneUrl()) && SshSessionFactory.getInstance() == null) {
      throw new StepFailedException(
          "cannot clone branch '"
              + source.branch()
              + "' of "
              + describe(source)
              + ": SSH is not supported here; use the repository's https:// URL with a token");
    }
    refuseLinkLocal(source);
    Instant start = control.clock().instant();
    AtomicBoolean stop = new AtomicBoolean();
    FutureTask<ObjectId> task = new FutureTask<>(() -> cloneNow(source, directory, control, stop));
    Thread thread = new Thread(task, "git-clone");
    thread.setDaemon(true);
    Runnable abort =
        () -> {
          stop.set(true);
          thread.interrupt();
        };
    AutoCloseable registration = control.onAbort(abort);
    thread.start();
    try {
      ObjectId commit = task.get(control.remaining().toMillis() + 1, TimeUnit.MILLISECONDS);
      Duration took = Duration.between(start, control.clock().instant());
      LOG.debug("cloned {} at {} in {} ms", describe(source), commit.name(), took.toMillis());
      return new CloneResult(commit.name(), source.branch(), took);
    } catch (ExecutionException e) {
      throw failure(source, e.getCause(), control);
    } catch (InterruptedException e) {
      abort.run();
      windDown(thread);
      Thread.currentThread().interrupt();
      throw stopped(source, control, "interrupted");
    } catch (TimeoutException e) {
      abort.run();
      windDown(thread);
      throw stopped(source, control, "timed out");
    } finally {
      unregister(registration);
    }
  }

  /**
   * Refuses a repository whose host resolves to a link-local or cloud metadata address. A host that
   * does not resolve is left to the clone, which says so in its own words.
   */
  private static void refuseLinkLocal(GitSource source) {
    try {
      LinkLocalGuard.checkUrl(source.cloneUrl());
    } catch (LinkLocalGuard.RefusedHostException e) {
      throw new StepFailedException(
          "cannot clone branch '"
              + source.branch()
              + "' of "
              + describe(source)
              + ": "
              + e.getMessage());
    } catch (java.net.UnknownHostException e) {
      LOG.debug("{} does not resolve; the clone will say so", describe(source));
    }
  }

  private static ObjectId cloneNow(
      GitSource source, Path directory, RunControl control, AtomicBoolean stop) throws Exception {
    JGitFileStores.seed(directory);
    String ref = Constants.R_HEADS + source.branch();
    CloneCommand command =
        Git.cloneRepository()
            .setURI(source.cloneUrl())
            .setDirectory(directory.toFile())
            .setBranch(ref)
            .setBranchesToClone(List.of(ref))
            .setCloneAllBranches(false)
            .setCloneSubmodules(false)
            .setDepth(1)
            .setNoTags()
            .setTimeout(timeoutSeconds(control.remaining()))
            .setProgressMonitor(new StopMonitor(control, stop));
    if (!source.token().isEmpty()) {
      command.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(source.tokenUser(), source.token()));
    }
    try (Git git = command.call()) {
      ObjectId head = git.getRepository().resolve(Constants.HEAD);
      if (head == null) {
        throw new IllegalStateException("the clone has no " + ref);
      }
      return head;
    }
  }

  /** {@code ssh://…}, {@code git+ssh://…} or the scp-like {@code user@host:path}. */
  static boolean isSsh(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("ssh://")
        || lower.startsWith("git+ssh://")
        || lower.startsWith("ssh+git://")
        || (!lower.contains("://") && lower.matches("[^/]+@[^/:]+:.+"));
  }

  /** JGit's per-operation I/O timeout, in whole seconds, from the time left. */
  static int timeoutSeconds(Duration remaining) {
    long seconds = (remaining.toMillis() + 999) / 1000;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
  }

  private static RuntimeException failure(GitSource source, Throwable cause, RunControl control) {
    RunAbortedException aborted = control.abortReason();
    if (aborted != null) {
      return aborted;
    }
    CloneFailure.Reason reason = CloneFailure.classify(cause, source.branch(), secrets(source));
    LOG.debug("clone of {} failed: {}", describe(source), chain(cause, source));
    String where = "branch '" + source.branch() + "' of " + describe(source);
    return new StepFailedException(
        switch (reason.kind()) {
          case BRANCH_NOT_FOUND ->
              "branch '" + source.branch() + "' not found in " + describe(source);
          case REPOSITORY_NOT_FOUND -> "cannot clone " + where + ": repository not found";
          case AUTHENTICATION_REFUSED ->
              "cannot clone "
                  + where
                  + ": authentication refused"
                  + (source.token().isEmpty() ? " (no token was given)" : " (check the token)");
          case ACCESS_DENIED -> "cannot clone " + where + ": access denied";
          case TIMED_OUT -> "cannot clone " + where + ": timed out";
          case NETWORK -> "cannot clone " + where + ": network failure (" + reason.detail() + ")";
          case OTHER -> "cannot clone " + where + ": " + reason.detail();
        });
  }

  private static RuntimeException stopped(GitSource source, RunControl control, String why) {
    RunAbortedException aborted = control.abortReason();
    if (aborted != null) {
      return aborted;
    }
    return new StepFailedException(
        "cannot clone branch '" + source.branch() + "' of " + describe(source) + ": " + why);
  }

  private static void windDown(Thread thread) {
    try {
      thread.join(GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.debug("the stopped clone is still winding down; leaving it to its I/O timeout");
    }
  }

  private static void unregister(AutoCloseable registration) {
    try {
      registration.close();
    } catch (Exception e) {
      LOG.debug("could not unregister the clone's abort action", e);
    }
  }

  /** The repository URL as a user may see it: no user info, no query, no token. */
  static String describe(GitSource source) {
    return Redaction.clean(source.cloneUrl(), secrets(source));
  }

  private static String[] secrets(GitSource source) {
    return CloneFailure.secrets(source);
  }

  private static String chain(Throwable failure, GitSource source) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(text.length() == 0 ? "" : " <- ")
          .append(t.getClass().getSimpleName())
          .append(": ")
          .append(Redaction.clean(t.getMessage(), secrets(source)));
    }
    return text.toString();
  }

  /** Tells JGit to stop as soon as the run is stopping. */
  private static final class StopMonitor extends EmptyProgressMonitor {
    private final RunControl control;
    private final AtomicBoolean stop;

    StopMonitor(RunControl control, AtomicBoolean stop) {
      this.control = control;
      this.stop = stop;
    }

    @Override
    public boolean isCancelled() {
      return stop.get() || control.isStopping();
    }
  }
}
