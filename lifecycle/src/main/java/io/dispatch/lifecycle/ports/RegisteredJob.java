package io.dispatch.lifecycle.ports;

/**
 * A job version Nomad accepted.
 *
 * @param jobId the job
 * @param evalId the evaluation its registration created
 * @param jobModifyIndex the index at which the spec was stored
 * @param handle whatever the scheduler adapter needs to follow it
 */
public record RegisteredJob(String jobId, String evalId, long jobModifyIndex, Object handle) {}
