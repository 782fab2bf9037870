package io.dispatch.orchestrator;

import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a finished run's trace to an OTLP/HTTP endpoint with the OpenTelemetry SDK. The exporter is
 * built in the background while the run works, so the export at the end costs one request. The
 * spans keep the run's trace and span ids, and continue the caller's trace when there is one.
 */
final class OtlpExport {

  private static final Logger log = LoggerFactory.getLogger(OtlpExport.class);
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final String endpoint;
  private final CompletableFuture<SpanExporter> exporter;
  private final Set<Thread> startedWith;
  private final SecretMasker masker;

  private OtlpExport(
      String endpoint,
      CompletableFuture<SpanExporter> exporter,
      Set<Thread> startedWith,
      SecretMasker masker) {
    this.endpoint = endpoint;
    this.exporter = exporter;
    this.startedWith = startedWith;
    this.masker = masker;
  }

  /**
   * Starts building the exporter for {@code baseEndpoint} ({@code OTEL_EXPORTER_OTLP_ENDPOINT};
   * traces go to {@code <base>/v1/traces}). Span names, attributes and reasons pass through {@code
   * masker}, like every line the run prints.
   */
  static OtlpExport prepare(String baseEndpoint, Map<String, String> headers, SecretMasker masker) {
    String url = tracesUrl(baseEndpoint);
    Set<Thread> startedWith = SelectorThreads.running();
    CompletableFuture<SpanExporter> future =
        CompletableFuture.supplyAsync(
            () -> {
              // The SDK reports export failures through java.util.logging; this class says it once.
              java.util.logging.Logger.getLogger("io.opentelemetry").setLevel(Level.OFF);
              Set<Thread> before = SelectorThreads.running();
              WarmUp.run();
              SelectorThreads.stopAllBut(before);
              OtlpHttpSpanExporterBuilder b =
                  OtlpHttpSpanExporter.builder().setEndpoint(url).setTimeout(TIMEOUT);
              headers.forEach(b::addHeader);
              return b.build();
            },
            r -> {
              Thread t = new Thread(r, "otlp-prepare");
              t.setDaemon(true);
              t.start();
            });
    return new OtlpExport(url, future, startedWith, masker);
  }

  /** Where an OTLP/HTTP endpoint takes traces: {@code <base>/v1/traces}. */
  static String tracesUrl(String baseEndpoint) {
    return baseEndpoint.replaceAll("/+$", "") + "/v1/traces";
  }

  /** Exports the trace; a failure is one warning line and changes nothing else. */
  void export(Trace trace) {
    SpanExporter spanExporter;
    try {
      spanExporter = exporter.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("trace not exported to {}: {}", endpoint, e.getMessage());
      return;
    }
    Deque<String> spanIds = new ArrayDeque<>();
    collect(trace.root(), spanIds);
    List<SpanData> ended = new ArrayList<>();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(
                                AttributeKey.stringKey("service.name"), "dispatch-orchestrator"))))
            .setIdGenerator(new RunIds(trace.traceId(), spanIds))
            .addSpanProcessor(new Collect(ended))
            .build();
    Tracer tracer = provider.get("io.dispatch.orchestrator", Orchestrator.version());
    Context parent = Context.root();
    if (!trace.parentSpanId().isEmpty()) {
      parent =
          parent.with(
              io.opentelemetry.api.trace.Span.wrap(
                  SpanContext.createFromRemoteParent(
                      trace.traceId(),
                      trace.parentSpanId(),
                      TraceFlags.getSampled(),
                      TraceState.getDefault())));
    }
    replay(tracer, trace.root(), parent, masker);
    provider.shutdown();
    CompletableResultCode sent =
        spanExporter.export(ended).join(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    spanExporter.shutdown();
    SelectorThreads.stopAllBut(startedWith);
    if (!sent.isSuccess()) {
      log.warn(
          "trace not exported to {}: the endpoint did not accept it within {} ms",
          endpoint,
          TIMEOUT.toMillis());
    }
  }

  private static void collect(Span span, Deque<String> ids) {
    ids.add(span.spanId());
    for (Span child : span.children()) {
      collect(child, ids);
    }
  }

  private static void replay(Tracer tracer, Span span, Context parent, SecretMasker masker) {
    AttributesBuilder attributes = Attributes.builder();
    span.attributes()
        .forEach((k, v) -> attributes.put(AttributeKey.stringKey("dispatch." + k), masker.mask(v)));
    attributes.put(AttributeKey.stringKey("dispatch.status"), span.status().wire());
    io.opentelemetry.api.trace.Span otel =
        tracer
            .spanBuilder(masker.mask(span.name()))
            .setParent(parent)
            .setStartTimestamp(span.start())
            .setAllAttributes(attributes.build())
            .startSpan();
    if (span.status() == Span.Status.FAILED) {
      otel.setStatus(StatusCode.ERROR, masker.mask(span.reason()));
    } else if (span.status() == Span.Status.COMPLETED) {
      otel.setStatus(StatusCode.OK);
    } else if (!span.reason().isEmpty()) {
      otel.setAttribute("dispatch.reason", masker.mask(span.reason()));
    }
    Context context = parent.with(otel);
    for (Span child : span.children()) {
      replay(tracer, child, context, masker);
    }
    otel.end(span.end() == null ? span.start() : span.end());
  }

  /** Keeps the spans as they end, so that they go out in one export whose result is known. */
  record Collect(List<SpanData> ended) implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  /** Hands the SDK the run's own ids, in the order the spans are replayed. */
  private static final class RunIds implements IdGenerator {
    private final String traceId;
    private final Deque<String> spanIds;

    RunIds(String traceId, Deque<String> spanIds) {
      this.traceId = traceId;
      this.spanIds = spanIds;
    }

    @Override
    public String generateSpanId() {
      String next = spanIds.poll();
      return next == null ? IdGenerator.random().generateSpanId() : next;
    }

    @Override
    public String generateTraceId() {
      return traceId;
    }
  }
}
