/**
 * What the lifecycle needs from the outside world, as small interfaces. The adapters for git, the
 * registry, Docker and Nomad implement them; tests can stand in for them.
 */
package io.dispatch.lifecycle.ports;
