/**
 * The NATS adapter: the run's events and live log on JetStream, best-effort and bounded. jnats
 * types stay in {@link io.dispatch.lifecycle.nats.JetStreamSink}, which is loaded only when NATS is
 * configured; the rest of the program sees {@link io.dispatch.lifecycle.ports.DeploymentEvents}.
 */
package io.dispatch.lifecycle.nats;
