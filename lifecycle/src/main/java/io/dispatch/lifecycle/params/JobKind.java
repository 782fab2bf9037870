package io.dispatch.lifecycle.params;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kind of Nomad job ({@code jobConfig}): its type and, for batch jobs, whether it is launched
 * on a schedule or by dispatch.
 *
 * @param type {@code service}, {@code batch}, {@code sysbatch} or {@code system}
 * @param periodic when it runs on a cron schedule
 * @param parameterized when it runs once per dispatch
 */
public record JobKind(
    String type, Optional<Periodic> periodic, Optional<Parameterized> parameterized) {

  public static final Set<String> TYPES = Set.of("service", "batch", "sysbatch", "system");

  public JobKind {
    if (!TYPES.contains(type)) {
      throw new InvalidParameterException(
          "jobConfig.type", "must be service, batch, sysbatch or system");
    }
    periodic = periodic == null ? Optional.empty() : periodic;
    parameterized = parameterized == null ? Optional.empty() : parameterized;
    boolean launched = periodic.isPresent() || parameterized.isPresent();
    if (launched && !(type.equals("batch") || type.equals("sysbatch"))) {
      throw new InvalidParameterException(
          periodic.isPresent() ? "jobConfig.cron" : "jobConfig.meta_required",
          "needs jobConfig.type batch or sysbatch (Nomad launches only those on a schedule or by"
              + " dispatch)");
    }
  }

  public static JobKind service() {
    return new JobKind("service", Optional.empty(), Optional.empty());
  }

  public boolean isService() {
    return type.equals("service");
  }

  /**
   * Periodic and parameterized jobs are only registered: nothing runs until a launch or a dispatch.
   */
  public boolean isTemplateOnly() {
    return periodic.isPresent() || parameterized.isPresent();
  }

  /** {@code periodic { cron, prohibit_overlap }}. */
  public record Periodic(String cron, boolean prohibitOverlap) {}

  /** {@code parameterized { payload, meta_required, meta_optional }}. */
  public record Parameterized(
      String payload, List<String> metaRequired, List<String> metaOptional) {
    public static final Set<String> PAYLOADS = Set.of("optional", "required", "forbidden");

    public Parameterized {
      if (!PAYLOADS.contains(payload)) {
        throw new InvalidParameterException(
            "jobConfig.payload", "must be optional, required or forbidden");
      }
      metaRequired = List.copyOf(metaRequired);
      metaOptional = List.copyOf(metaOptional);
    }
  }
}
