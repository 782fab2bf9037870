package io.dispatch.lifecycle.nomad;

/**
 * A job as Nomad stores it, as far as following a rollout needs it.
 *
 * @param version the job version ({@code Version}), 0 when Nomad names none
 * @param modifyIndex the index of the job's last change ({@code JobModifyIndex}), 0 when none
 */
record JobVersion(long version, long modifyIndex) {}
