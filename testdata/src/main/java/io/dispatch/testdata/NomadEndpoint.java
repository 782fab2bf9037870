package io.dispatch.testdata;

/** The Nomad endpoints the double serves, for fault injection and the request journal. */
public enum NomadEndpoint {
  /** {@code PUT|POST /v1/jobs} */
  REGISTER,
  /** {@code DELETE /v1/job/<id>} */
  DEREGISTER,
  /** {@code GET /v1/job/<id>}, blocking */
  JOB,
  /** {@code GET /v1/job/<id>/deployment}, blocking */
  LATEST_DEPLOYMENT,
  /** {@code GET /v1/evaluation/<id>}, blocking */
  EVALUATION,
  /** {@code GET /v1/deployment/<id>}, blocking */
  DEPLOYMENT,
  /** {@code GET /v1/deployment/allocations/<id>}, blocking */
  DEPLOYMENT_ALLOCATIONS,
  /** {@code GET /v1/allocation/<id>}, blocking */
  ALLOCATION,
  /** anything else */
  OTHER
}
