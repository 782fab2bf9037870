/**
 * The Nomad adapter: registers the job that {@code jobspec} builds as data, and follows its
 * evaluation and deployment with blocking queries until Nomad says healthy or failed, and why.
 *
 * <p>Its layers, from the wire up:
 *
 * <ul>
 *   <li>{@code NomadConnection}: the HTTP plumbing — the SDK client on our own HTTP client
 *       (timeouts, TLS, abort), and the requests the SDK cannot write.
 *   <li>{@code NomadCalls}: what a failure means, and which are retried on the run's one {@link
 *       io.dispatch.lifecycle.run.RetrySchedule}.
 *   <li>{@code NomadApi}: the facade, one method per Nomad endpoint, our records out ({@code
 *       EvaluationView}, {@code DeploymentSnapshot}, {@code AllocationView}, {@code JobVersion},
 *       {@code Indexed} for blocking queries); {@code NomadViews} converts the SDK's model.
 *   <li>The watchers ({@code JobRegistrar}, {@code EvaluationWatcher}, {@code DeploymentFinder},
 *       {@code DeploymentWatcher}, {@code Rollback}, {@code RolloutWatch}) and the reports ({@code
 *       PlacementReport}, {@code FailureReport}) work on those records only.
 *   <li>{@link io.dispatch.lifecycle.nomad.NomadScheduler} (register, then await healthy), {@link
 *       io.dispatch.lifecycle.nomad.NomadDestroyer} (stop and purge) and {@link
 *       io.dispatch.lifecycle.nomad.NomadPorts} (both behind the lifecycle's ports) are public.
 * </ul>
 *
 * <p>nomad-sdk ({@code com.hashicorp.nomad.*}) appears only in {@code NomadApi}, {@code
 * NomadConnection} and {@code NomadViews}; Apache HttpClient 4 only in {@code NomadConnection} and
 * {@code NomadTls}. The package depends on {@code params}, {@code ports}, {@code jobspec}, {@code
 * run}, {@code trace} and {@code portdetector}; nothing there depends on it.
 */
package io.dispatch.lifecycle.nomad;
