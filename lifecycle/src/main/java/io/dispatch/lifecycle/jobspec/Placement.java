package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.Resources;

/**
 * Where the job may run: its node pool and the pack's {@code ${node.class}} constraints. A GPU job
 * goes to the GPU pool and, when a model is named, to nodes of that class; other jobs go to the
 * {@code node_pool} parameter's pool (else {@code NOMAD_NODE_POOL}) and, when {@code regions} is
 * set, to nodes of those classes.
 */
final class Placement {

  static final String NODE_CLASS = "${node.class}";

  private Placement() {}

  static void apply(JobRequest request, ObjectNode job) {
    Resources resources = request.service().resources();
    boolean gpu = resources.gpu() > 0;
    String pool =
        gpu
            ? request.settings().platform().gpuNodePool()
            : request.service().nodePool().isEmpty()
                ? request.settings().platform().nodePool()
                : request.service().nodePool();
    if (!pool.isEmpty()) {
      job.put("NodePool", pool);
    }
    ArrayNode constraints = Json.array();
    if (gpu && !resources.gpuModel().isEmpty()) {
      constraints.add(nodeClassIn(resources.gpuModel()));
    }
    if (!gpu && !request.runtime().regions().isEmpty()) {
      constraints.add(nodeClassIn(String.join(",", request.runtime().regions())));
    }
    if (!constraints.isEmpty()) {
      job.set("Constraints", constraints);
    }
  }

  private static ObjectNode nodeClassIn(String values) {
    return Json.object()
        .put("LTarget", NODE_CLASS)
        .put("Operand", "set_contains_any")
        .put("RTarget", values);
  }
}
