package io.dispatch.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one best-effort caller of {@link BackendClient}: the queue and sender that compose a call's
 * retries ({@link RetryingCall}), the run's wait budget ({@link BackendBudget}) and the decision to
 * stop calling a backend that is down ({@link BackendBreaker}). It logs one warning per failed call
 * and goes on.
 *
 * <p>Every text a body carries that came from the run (a step's error, the command, the user)
 * passes through the run's masker first: the backend shows it on the user's dashboard.
 *
 * <p>Step and service updates are sent in order on one background thread, so a slow backend never
 * holds the deployment up. Nothing a call does can end that thread or reach the deployment: an
 * unexpected failure is one more failed call. {@link #askDomain} must wait for its answer; the time
 * the deployment spends waiting there, and in {@link #close} for the queue to drain, comes out of
 * the budget.
 */
public final class BackendReporter implements DeploymentBackend {

  private static final Logger log = LoggerFactory.getLogger(BackendReporter.class);

  private final BackendClient client;
  private final BackendConfig config;
  private final Clock clock;
  private final String deploymentId;
  private final String deploymentType;
  private final String serviceId;
  private final FailureListener listener;
  private final UnaryOperator<String> masker;
  private final RetryingCall retrying;
  private final BackendBudget budget;
  private final BackendBreaker breaker = new BackendBreaker();
  private final ExecutorService sender;
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
    this.retrying = new RetryingCall(clock, config.callTimeout(), RetryingCall.Sleeper.THREAD);
    this.budget = new BackendBudget(clock, config.budget());
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
    StepUpdate update = StepUpdate.of(deploymentId, deploymentType, step, status, mask(error));
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
    if (skippedAsUnavailable()) {
      return Optional.empty();
    }
    if (budget.isSpent()) {
      if (budgetSpentLogged.compareAndSet(false, true)) {
        log.warn(
            "backend: {} skipped: the run's {} ms for waiting on the backend are spent",
            what,
            budget.total().toMillis());
      }
      skipped.incrementAndGet();
      return Optional.empty();
    }
    Duration limit = budget.bounded(config.callTimeout());
    return budget.charge(
        () -> send(what, limit, deadline -> client.askDomain(serviceId, deadline)));
  }

  @Override
  public void close() {
    sender.shutdown();
    boolean drained = budget.charge(this::awaitQueue);
    if (!drained) {
      int lost = sender.shutdownNow().size() + 1;
      log.warn(
          "backend: {} update(s) not sent: the backend did not answer within the run's {} ms",
          lost,
          budget.total().toMillis());
    }
    if (skipped.get() > 0) {
      log.warn("backend: {} call(s) skipped because the backend was unavailable", skipped.get());
    }
    client.close();
  }

  /** Waits, within the budget, for the queued updates to be sent. */
  private boolean awaitQueue() {
    // A run stopped by its deadline or a signal interrupts its thread; its last updates (the
    // failed step) still deserve the rest of the budget.
    boolean wasInterrupted = Thread.interrupted();
    try {
      return sender.awaitTermination(budget.left().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      wasInterrupted = true;
      return false;
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How many calls failed after their retries. */
  int failedCalls() {
    return failed.get();
  }

  private void enqueue(String what, RetryingCall.Attempt<Void> attempt) {
    try {
      sender.execute(
          () -> {
            if (!skippedAsUnavailable()) {
              send(what, retrying.allAttempts(), attempt);
            }
          });
    } catch (RejectedExecutionException e) {
      log.warn("backend: {} not sent: the run is over", what);
    }
  }

  /** Whether the breaker is open; a call skipped for that is counted. */
  private boolean skippedAsUnavailable() {
    if (breaker.isOpen()) {
      skipped.incrementAndGet();
      return true;
    }
    return false;
  }

  /**
   * One call with its retries, all within {@code limit}. Nothing it does reaches the caller: a
   * failure is counted and logged, and one that is not a {@link BackendException} is never expected
   * and still no reason to end the sender or to reach the deployment.
   */
  private <T> Optional<T> send(String what, Duration limit, RetryingCall.Attempt<T> attempt) {
    try {
      return retried(what, clock.instant().plus(limit), attempt);
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      log.warn("backend: {} failed: {}", what, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private <T> Optional<T> retried(String what, Instant deadline, RetryingCall.Attempt<T> attempt) {
    try {
      T value = retrying.call(attempt, deadline);
      breaker.succeeded();
      return Optional.ofNullable(value);
    } catch (BackendException e) {
      failed.incrementAndGet();
      log.warn("backend: {} failed: {}", what, e.getMessage());
      listener.callFailed(what, e.getMessage());
      if (breaker.failed(e)) {
        log.warn(
            "backend: unavailable after {} failed calls; the rest of this run's updates are"
                + " skipped",
            BackendBreaker.FAILED_CALLS_BEFORE_GIVING_UP);
      }
      return Optional.empty();
    }
  }
}
