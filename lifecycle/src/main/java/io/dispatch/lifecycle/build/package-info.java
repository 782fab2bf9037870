/**
 * The build step of a repository deployment: which builder builds the source, decided in one place
 * ({@link io.dispatch.lifecycle.build.BuilderChoice}, pure), and the step's work around it ({@link
 * io.dispatch.lifecycle.build.RepositoryBuild}). It depends on {@code params}, {@code ports},
 * {@code image}, {@code run}, {@code trace} and {@code portdetector}; only the lifecycle itself
 * depends on it.
 */
package io.dispatch.lifecycle.build;
