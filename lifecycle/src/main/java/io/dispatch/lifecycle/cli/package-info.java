/**
 * Command-line builders (railpack, nixpacks) as processes: found on the PATH the orchestrator was
 * given ({@code ExecutableLookup}), their command lines ({@code ToolCommand}) and inherited
 * environment ({@code ToolEnvironment}), run with streamed output and stopped with every process
 * they started when the run stops ({@code ToolProcess}, {@code ProcessTree}). It depends on {@code
 * params} and {@code run}; the Docker adapter uses it to build into its engine.
 */
package io.dispatch.lifecycle.cli;
