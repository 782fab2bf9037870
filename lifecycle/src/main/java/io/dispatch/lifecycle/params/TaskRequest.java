package io.dispatch.lifecycle.params;

/** One run's task, decoded from {@code NOMAD_META_TASK} and {@code NOMAD_META_PARAMS}. */
public sealed interface TaskRequest permits ServiceDeployment, DestroyRequest {

  /** The task name as Nomad passed it, e.g. {@code deploy-image}. */
  String task();
}
