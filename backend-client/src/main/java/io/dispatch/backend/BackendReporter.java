package io.dispatch.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one best-effort caller of {@link BackendClient}. It owns the retries, the run's budget and
 * the decision to stop calling a backend that is down; it catches {@link BackendException} only,
 * logs one warning per failed call, and goes on.
 *
 * <p>Every text a body carries that came from the run (a step's error, the command, the user)
 * passes through the run's masker first: the backend shows it on the user's dashboard.
 *
 * <p>Step and service updates are sent in order on one background thread, so a slow backend never
 * holds the deployment up. Nothing a call does can end that thread or reach the deployment: an
 * unexpected failure is one more failed call. {@link #askDomain} must wait for its answer; the time
 * the deployment spends waiting there, and in {@link #close} for the queue to drain, comes out of
 * the run's budget. Once the budget is spent the deployment no longer waits at all.
 */
public final class BackendReporter implements DeploymentBackend {

  private static final Logger log = LoggerFactory.getLogger(BackendReporter.class);

  static final int ATTEMPTS = 3;
  static final int FAILED_CALLS_BEFORE_GIVING_UP = 2;
  private static final List<Duration> BACKOFF =
      List.of(Duration.ofMillis(10), Duration.ofMillis(50));

  private final BackendClient client;
  private final BackendConfig config;
  private final Clock clock;
  private final String deploymentId;
  private final String deploymentType;
  private final String serviceId;
  private final FailureListener listener;
  private final UnaryOperator<String> masker;
  private final ExecutorService sender;
  private final AtomicLong budgetNanos;
  private final AtomicInteger unavailableInARow = new AtomicInteger();
  private final AtomicBoolean gaveUp = new AtomicBoolean();
  private final AtomicBoolean budgetSpentLogged = new AtomicBoolean();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  private BackendReporter(
      BackendClient client,
      BackendConfig config,
      Clock clock,
      String deploymentId,
      String deploymentType,
      String serviceId,
      FailureListener listener,
      UnaryOperator<String> masker) {
    this.client = client;
    this.config = config;
    this.clock = clock;
    this.deploymentId = deploymentId;
    this.deploymentType = deploymentType;
    this.serviceId = serviceId;
    this.listener = listener;
    this.masker = masker;
    this.budgetNanos = new AtomicLong(config.budget().toNanos());
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "backend-reporter");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A reporter for one run.
   *
   * @param deploymentType {@code git} or {@code app}
   * @param masker the run's secret masker, applied to every text a body carries
   */
  public static BackendReporter start(
      BackendConfig config,
      String deploymentId,
      String deploymentType,
      String serviceId,
      Clock clock,
      FailureListener listener,
      UnaryOperator<String> masker) {
    return new BackendReporter(
        BackendClient.create(config, clock),
        config,
        clock,
        deploymentId,
        deploymentType,
        serviceId,
        listener,
        masker);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void reportStep(String step, StepStatus status, String error) {
    StepUpdate update =
        StepUpdate.of(
            deploymentId, deploymentType, step, status, error == null ? null : masker.apply(error));
    enqueue(
        "deployment-step " + step + "/" + status.wire(),
        deadline -> {
          client.updateDeploymentStep(update, deadline);
          return null;
        });
  }

  @Override
  public void updateService(ServiceUpdate update) {
    ServiceUpdate masked =
        new ServiceUpdate(
            update.serviceId(),
            update.network(),
            mask(update.dockerUser()),
            mask(update.cmd()),
            mask(update.entrypoint()));
    enqueue(
        "service-update",
        deadline -> {
          client.updateService(masked, deadline);
          return null;
        });
  }

  private String mask(String text) {
    return text == null ? null : masker.apply(text);
  }

  @Override
  public Optional<String> askDomain(String purpose) {
    String what = "ask-domain (" + purpose + ")";
    if (gaveUp.get()) {
      skipped.incrementAndGet();
      return Optional.empty();
    }
    Duration left = budgetLeft();
    if (left.isZero()) {
      if (budgetSpentLogged.compareAndSet(false, true)) {
        log.warn(
            "backend: {} skipped: the run's {} ms for waiting on the backend are spent",
            what,
            config.budget().toMillis());
      }
      skipped.incrementAndGet();
      return Optional.empty();
    }
    Duration limit = left.compareTo(config.callTimeout()) < 0 ? left : config.callTimeout();
    long started = System.nanoTime();
    try {
      return call(
          what, clock.instant().plus(limit), deadline -> client.askDomain(serviceId, deadline));
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      log.warn("backend: {} failed: {}", what, e.getClass().getSimpleName());
      return Optional.empty();
    } finally {
      spend(System.nanoTime() - started);
    }
  }

  @Override
  public void close() {
    long started = System.nanoTime();
    sender.shutdown();
    // A run stopped by its deadline or a signal interrupts its thread; its last updates (the
    // failed step) still deserve the rest of the budget.
    boolean wasInterrupted = Thread.interrupted();
    boolean drained;
    try {
      drained = sender.awaitTermination(budgetLeft().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      wasInterrupted = true;
      drained = false;
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
    spend(System.nanoTime() - started);
    if (!drained) {
      int lost = sender.shutdownNow().size() + 1;
      log.warn(
          "backend: {} update(s) not sent: the backend did not answer within the run's {} ms",
          lost,
          config.budget().toMillis());
    }
    if (skipped.get() > 0) {
      log.warn("backend: {} call(s) skipped because the backend was unavailable", skipped.get());
    }
    client.close();
  }

  /** How many calls failed after their retries. */
  int failedCalls() {
    return failed.get();
  }

  /** How much of the budget is left. */
  Duration budgetLeft() {
    return Duration.ofNanos(Math.max(0, budgetNanos.get()));
  }

  private void enqueue(String what, Call<Void> call) {
    try {
      sender.execute(
          () -> {
            if (gaveUp.get()) {
              skipped.incrementAndGet();
              return;
            }
            Duration total = config.callTimeout().multipliedBy(ATTEMPTS);
            try {
              call(what, clock.instant().plus(total), call);
            } catch (RuntimeException e) {
              // Never expected (the client turns its failures into BackendExceptions), and still
              // no reason to end the sender or to let it reach the deployment.
              failed.incrementAndGet();
              log.warn("backend: {} failed: {}", what, e.getClass().getSimpleName());
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.warn("backend: {} not sent: the run is over", what);
    }
  }

  private <T> Optional<T> call(String what, Instant deadline, Call<T> call) {
    BackendException last = null;
    int attempt = 0;
    while (attempt < ATTEMPTS) {
      attempt++;
      Instant perAttempt = min(clock.instant().plus(config.callTimeout()), deadline);
      try {
        T value = call.apply(perAttempt);
        unavailableInARow.set(0);
        return Optional.ofNullable(value);
      } catch (BackendException e) {
        last = e;
        if (!e.retryable() || attempt == ATTEMPTS || !pause(BACKOFF.get(attempt - 1), deadline)) {
          break;
        }
      }
    }
    failed.incrementAndGet();
    String reason = last.getMessage() + (attempt > 1 ? " (after " + attempt + " attempts)" : "");
    log.warn("backend: {} failed: {}", what, reason);
    listener.callFailed(what, reason);
    if (last.retryable()
        && unavailableInARow.incrementAndGet() >= FAILED_CALLS_BEFORE_GIVING_UP
        && gaveUp.compareAndSet(false, true)) {
      log.warn(
          "backend: unavailable after {} failed calls; the rest of this run's updates are skipped",
          FAILED_CALLS_BEFORE_GIVING_UP);
    }
    return Optional.empty();
  }

  private boolean pause(Duration backoff, Instant deadline) {
    if (clock.instant().plus(backoff).isAfter(deadline)) {
      return false;
    }
    try {
      Thread.sleep(backoff.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void spend(long nanos) {
    budgetNanos.addAndGet(-nanos);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  @FunctionalInterface
  private interface Call<T> {
    T apply(Instant deadline) throws BackendException;
  }
}
