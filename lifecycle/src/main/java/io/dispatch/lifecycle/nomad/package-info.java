/**
 * The Nomad adapter: builds the service job as data, registers it, and follows its evaluation and
 * deployment with blocking queries until Nomad says healthy or failed, and why.
 *
 * <p>Everything from nomad-sdk ({@code com.hashicorp.nomad.*}) and Apache HttpClient 4 stays in
 * this package; its public classes take and return our records. It depends on {@code params},
 * {@code run}, {@code trace}, {@code image} and {@code portdetector}; nothing there depends on it.
 *
 * <ul>
 *   <li>{@link io.dispatch.lifecycle.nomad.JobSpecFactory}: the job of contract §4, pure.
 *   <li>{@link io.dispatch.lifecycle.nomad.NomadScheduler}: register, then await healthy.
 *   <li>{@link io.dispatch.lifecycle.nomad.NomadDestroyer}: stop and purge a job.
 *   <li>{@code NomadConnection}: the SDK client on our own HTTP client (timeouts, TLS, abort).
 *   <li>{@code NomadCalls}: the one place that retries, and only transient failures.
 * </ul>
 */
package io.dispatch.lifecycle.nomad;
